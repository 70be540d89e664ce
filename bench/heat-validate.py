"""Heat's own parse + validate of a template, offline (python3-heat, no OpenStack services), timed.

Usage: /usr/bin/python3 bench/heat-validate.py TEMPLATE [ITERATIONS]
Prints one JSON line: {"ms_per_template": median, "mean_ms": ..., "iterations": ..., "resources": ...}, in CPU milliseconds.
Without ITERATIONS it measures on request, for a caller that alternates with its own measurements:
it reads one number per line from stdin and answers each with such a line for that many runs.
As in shared/FACTS.md: oslo.config with no files, plugins initialised, every service "available",
Stack(strict_validate=False).validate(validate_res_tmpl_only=True).
"""
import json
import logging
import statistics
import sys
import time

logging.disable(logging.CRITICAL)
from oslo_config import cfg  # noqa: E402

cfg.CONF([], project="heat", default_config_files=[])
from heat.common import context, template_format  # noqa: E402
from heat.engine import environment, resource, resources, stack, template  # noqa: E402

resources.initialise()
resource.Resource.is_service_available = classmethod(lambda cls, ctx: (True, None))
ctx = context.RequestContext(project_id="p", user_id="u", is_admin=False)

path = sys.argv[1]
text = open(path).read()
params = {"gmail_username": "me", "gmail_password": "pw"} if "heat_2d" in path else {}


def once():
    parsed = template_format.parse(text)
    env = environment.Environment({"parameters": {k: v for k, v in params.items() if k in parsed.get("parameters", {})}})
    s = stack.Stack(ctx, "bench", template.Template(parsed, env=env), strict_validate=False)
    s.validate(validate_res_tmpl_only=True)
    return len(s.resources)


def measure(iterations):
    # CPU time of this process, as the Node side measures (other work on a shared machine does not
    # count), and the median of the runs, as the Node side reports.
    samples = []
    count = 0
    for _ in range(iterations):
        start = time.process_time()
        count = once()
        samples.append((time.process_time() - start) * 1000)
    return json.dumps({"ms_per_template": statistics.median(samples), "mean_ms": statistics.fmean(samples), "iterations": iterations, "resources": count})


once()  # warm up: imports and plugin caches
if len(sys.argv) > 2:
    print(measure(int(sys.argv[2])))
else:
    for line in sys.stdin:
        print(measure(int(line)), flush=True)
