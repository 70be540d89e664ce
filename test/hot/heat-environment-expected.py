# Regenerates test/fixtures/environment/expected.json: what Heat 19 itself answers for each case of
# test/fixtures/environment/cases.json (resource registry lookups with Heat's global environment,
# and merge_environments of environment files over CLI parameters).
# Needs Debian's python3-heat:  /usr/bin/python3 test/hot/heat-environment-expected.py
import json
import logging
import os
import warnings

warnings.filterwarnings('ignore')
from oslo_config import cfg  # noqa: E402
cfg.CONF([], project='heat', default_config_files=[])
logging.disable(logging.CRITICAL)
from heat.common import environment_util  # noqa: E402
from heat.engine import environment, resources  # noqa: E402
from heat.engine.hot import parameters  # noqa: E402

resources.initialise()
folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'environment')
cases = json.load(open(os.path.join(folder, 'cases.json')))
out = {'registry': {}, 'merge': {}}
for case in cases['registry']:
    # A fresh global environment per case: Heat's lookups mutate shared global entries (a global glob
    # once followed is marked as a user entry), which would make answers depend on the order of cases.
    resources._environment = None
    resources.initialise()
    env = environment.Environment({'resource_registry': case['registry']})
    try:
        info = env.get_resource_info(case['type'], resource_name=case.get('resource'))
        if isinstance(info, environment.TemplateResourceInfo):
            out['registry'][case['name']] = {'template': info.template_name}
        else:
            out['registry'][case['name']] = {'type': info.name}
    except Exception as ex:
        out['registry'][case['name']] = {'error': str(ex)}
for case in cases['merge']:
    files = {'env%d.yaml' % i: text for i, text in enumerate(case['files'])}
    params = {'parameters': dict(case['cli']), 'parameter_defaults': {}, 'resource_registry': {}, 'event_sinks': []}
    schemata = {n: parameters.HOTParamSchema.from_dict(n, {'type': t}) for n, t in case['types'].items()}
    try:
        environment_util.merge_environments(sorted(files), files, params, schemata)
        out['merge'][case['name']] = {'parameters': params['parameters'], 'parameter_defaults': params['parameter_defaults']}
    except Exception as ex:
        out['merge'][case['name']] = {'error': str(ex)}
with open(os.path.join(folder, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write('\n')
