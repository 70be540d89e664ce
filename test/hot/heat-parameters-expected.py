# Regenerates test/fixtures/parameters/expected.json: Heat 19's answer for each case of
# test/fixtures/parameters/cases.json: the value get_param returns, or the error Heat raises when it
# validates the parameter (with the case's user value, if any).
# Needs Debian's python3-heat:  /usr/bin/python3 test/hot/heat-parameters-expected.py
import json
import logging
import os
import warnings

warnings.filterwarnings('ignore')
from oslo_config import cfg  # noqa: E402
cfg.CONF([], project='heat', default_config_files=[])
logging.disable(logging.CRITICAL)
from heat.engine import resources, template  # noqa: E402

resources.initialise()
folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'parameters')
out = {}
for case in json.load(open(os.path.join(folder, 'cases.json'))):
    tmpl = template.Template({'heat_template_version': case.get('version', '2016-10-14'), 'parameters': {'p': case['schema']}})
    try:
        params = tmpl.parameters(None, {'p': case['value']} if 'value' in case else {})
        params.validate(validate_value=True)
        out[case['name']] = {'value': params['p']}
    except Exception as ex:
        out[case['name']] = {'error': str(ex)}
with open(os.path.join(folder, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=False)
    f.write('\n')
