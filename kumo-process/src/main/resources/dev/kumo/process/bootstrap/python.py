# Kumo's Python runtime: a loop over the AWS Lambda Runtime API ($AWS_LAMBDA_RUNTIME_API) that imports
# <module>.<function> from $LAMBDA_TASK_ROOT ($_HANDLER) and calls handler(event, context). Standard library only.
import http.client
import importlib
import json
import os
import sys
import threading
import time
import traceback

BASE = "/2018-06-01/runtime"
# Printed before each post and before the first poll: tells Kumo the lines before it belong to what just ended.
SYNC = "\x01kumo-sync"


def sync():
    sys.stderr.flush()
    print(SYNC, flush=True)


def watch_stdin():
    # The server keeps our stdin open; when it goes away, so do we.
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except Exception:
        pass
    os._exit(0)


class Api:
    def __init__(self, host_port):
        host, _, port = host_port.rpartition(":")
        self.host, self.port = host, int(port)
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=None)
                self.conn.request(method, path, body=body, headers=headers or {})
                res = self.conn.getresponse()
                return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn = None
                if attempt == 1:
                    raise


class Context:
    def __init__(self, headers):
        self.aws_request_id = headers.get("lambda-runtime-aws-request-id")
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline = int(headers.get("lambda-runtime-deadline-ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline - int(time.time() * 1000))


def error_body(exc, error_type=None):
    frames = traceback.extract_tb(exc.__traceback__)
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "stackTrace": [line.rstrip("\n") for line in traceback.format_list(frames)],
    }


def post_error(api, path, body):
    print("[ERROR] %s: %s" % (body["errorType"], body["errorMessage"]), flush=True)
    sync()
    api.request("POST", path, json.dumps(body).encode("utf-8"),
                {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": body["errorType"]})


def load_handler():
    handler = os.environ.get("_HANDLER", "")
    module_name, _, function_name = handler.rpartition(".")
    if not module_name or not function_name:
        raise HandlerError("Runtime.MalformedHandlerName", "Bad handler '%s': expected module.function" % handler)
    root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, root)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ModuleNotFoundError as e:
        raise HandlerError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise HandlerError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    fn = getattr(module, function_name, None)
    if not callable(fn):
        raise HandlerError("Runtime.HandlerNotFound",
                           "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return fn


class HandlerError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def main():
    threading.Thread(target=watch_stdin, daemon=True).start()
    api = Api(os.environ["AWS_LAMBDA_RUNTIME_API"])
    try:
        handler = load_handler()
    except HandlerError as e:
        post_error(api, BASE + "/init/error", {"errorMessage": str(e), "errorType": e.error_type, "stackTrace": []})
        sys.exit(1)
    except Exception as e:
        traceback.print_exc(file=sys.stdout)
        post_error(api, BASE + "/init/error", error_body(e, "Runtime.ImportModuleError"))
        sys.exit(1)
    sync()
    while True:
        status, headers, body = api.request("GET", BASE + "/invocation/next")
        request_id = headers.get("lambda-runtime-aws-request-id")
        try:
            event = json.loads(body) if body else {}
        except ValueError:
            event = body.decode("utf-8", "replace")
        try:
            result = handler(event, Context(headers))
            payload = json.dumps(result).encode("utf-8")
        except Exception as e:
            traceback.print_exc(file=sys.stdout)
            post_error(api, BASE + "/invocation/%s/error" % request_id, error_body(e))
            continue
        sync()
        api.request("POST", BASE + "/invocation/%s/response" % request_id, payload,
                    {"Content-Type": "application/json"})


if __name__ == "__main__":
    try:
        main()
    except (ConnectionError, OSError) as e:
        print("Runtime API unreachable: %s" % e, file=sys.stderr)
        sys.exit(2)
