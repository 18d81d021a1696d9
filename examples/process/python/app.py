"""A Python function for Kumo's process tier (runtime python3, handler app.handler)."""
import collections
import os
import platform

invocations = 0  # module state lives as long as the worker process


def handler(event, context):
    global invocations
    invocations += 1
    name = (event or {}).get("name") or "world"
    print("greeting %s (invocation %d of worker %d)" % (name, invocations, os.getpid()))
    letters = collections.Counter(c for c in name.lower() if c.isalpha())
    return {
        "message": "Hello, %s!" % name,
        "letters": dict(sorted(letters.items())),
        "runtime": "python " + platform.python_version(),
        "requestId": context.aws_request_id,
    }
