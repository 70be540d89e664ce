"""Heat's own parse + validate of a template, offline (python3-heat, no OpenStack services), timed.

Usage: /usr/bin/python3 bench/heat-validate.py TEMPLATE ITERATIONS
Prints one JSON line: {"ms_per_template": ..., "iterations": ..., "resources": ...}, in CPU milliseconds.
As in shared/FACTS.md: oslo.config with no files, plugins initialised, every service "available",
Stack(strict_validate=False).validate(validate_res_tmpl_only=True).
"""
import json
import logging
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

path, iterations = sys.argv[1], int(sys.argv[2])
text = open(path).read()
params = {"gmail_username": "me", "gmail_password": "pw"} if "heat_2d" in path else {}


def once():
    parsed = template_format.parse(text)
    env = environment.Environment({"parameters": {k: v for k, v in params.items() if k in parsed.get("parameters", {})}})
    s = stack.Stack(ctx, "bench", template.Template(parsed, env=env), strict_validate=False)
    s.validate(validate_res_tmpl_only=True)
    return len(s.resources)


once()  # warm up: imports and plugin caches
# CPU time of this process, as the Node side measures: other work on a shared machine does not count.
start = time.process_time()
for _ in range(iterations):
    count = once()
elapsed = (time.process_time() - start) * 1000
print(json.dumps({"ms_per_template": elapsed / iterations, "iterations": iterations, "resources": count}))
