# Regenerates test/hot/corpus-pyyaml-digests.json: for every corpus file, the first 16 hex digits of
# sha256(json.dumps(value, sort_keys=True)) of what Heat's own loader reads (JSON first, else
# heat.common.template_format.yaml_loader). Needs Debian's python3-heat:
#   /usr/bin/python3 test/hot/corpus-pyyaml-digests.py ../shared/hot-corpus > test/hot/corpus-pyyaml-digests.json
import hashlib
import json
import os
import sys

import yaml
from heat.common import template_format

root = sys.argv[1]
digests = {}
for folder, _, names in os.walk(root):
    for name in names:
        if not name.endswith('.yaml'):
            continue
        path = os.path.join(folder, name)
        text = open(path, encoding='utf-8').read()
        try:
            value = json.loads(text)
        except ValueError:
            value = yaml.load(text, Loader=template_format.yaml_loader)
        canonical = json.dumps(value, sort_keys=True)
        digests[os.path.relpath(path, root)] = hashlib.sha256(canonical.encode()).hexdigest()[:16]
print(json.dumps(digests, sort_keys=True, indent=0))
