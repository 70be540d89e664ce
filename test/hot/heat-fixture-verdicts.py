# Regenerates test/hot/heat-fixture-verdicts.json: what Heat 19 itself says of each fixture of
# test/fixtures/{valid,invalid} (parse, environment format, Stack.validate with the `.params` values).
# Needs Debian's python3-heat:  /usr/bin/python3 test/hot/heat-fixture-verdicts.py > test/hot/heat-fixture-verdicts.json
import glob
import json
import logging
import os
import warnings

warnings.filterwarnings('ignore')
from oslo_config import cfg  # noqa: E402
cfg.CONF([], project='heat', default_config_files=[])
logging.disable(logging.CRITICAL)
from heat.common import context, environment_format, template_format  # noqa: E402
from heat.engine import environment, resource, resources, stack, template  # noqa: E402
from heatclient.common import utils as client_utils  # noqa: E402

resources.initialise()
# No cloud: every service counts as available, so only the template itself is judged.
resource.Resource.is_service_available = classmethod(lambda cls, ctx: (True, None))
admin = context.get_admin_context()
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
verdicts = {}
for path in sorted(glob.glob(os.path.join(root, 'fixtures', 'valid', '*.yaml')) + glob.glob(os.path.join(root, 'fixtures', 'invalid', '*.yaml'))):
    name = os.path.relpath(path, os.path.dirname(root))
    try:
        text = open(path).read()
        if path.endswith('.env.yaml'):
            environment.Environment(environment_format.parse(text))
        else:
            params_file = path[:-len('.yaml')] + '.params'
            params = client_utils.format_parameters([open(params_file).read()]) if os.path.exists(params_file) else {}
            tmpl = template.Template(template_format.parse(text), env=environment.Environment({'parameters': params}))
            stack.Stack(admin, 'fixture', tmpl, strict_validate=True).validate(validate_res_tmpl_only=True)
        verdicts[name] = 'OK'
    except Exception as ex:  # Heat's verdict, whatever its kind
        verdicts[name] = '%s: %s' % (type(ex).__name__, str(ex).split('\n')[0])
print(json.dumps(verdicts, indent=1, sort_keys=True))
