#!/usr/bin/env python3
"""The `upper` service of external.aqua: reads {"function", "args", ...} as JSON on stdin and
prints the result as JSON on stdout (any program in any language can serve calls this way)."""
import json
import sys

request = json.load(sys.stdin)
if request["function"] != "upper":
    print(f"unknown function {request['function']}", file=sys.stderr)
    sys.exit(1)
print(json.dumps(request["args"][0].upper()))
