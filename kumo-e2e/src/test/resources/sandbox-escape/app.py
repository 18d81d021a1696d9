# Functions that try to break out of Kumo's sandbox tier (SandboxEscapeIT deploys each handler separately).
import os
import socket


def healthy(event, context):
    return {"ok": True, "uid": os.getuid(), "root": os.environ["LAMBDA_TASK_ROOT"]}


def read_file(event, context):
    with open(event["path"]) as f:
        return f.read()


def list_parent(event, context):
    return sorted(os.listdir(os.path.dirname(os.environ["LAMBDA_TASK_ROOT"])))


def write_file(event, context):
    with open(event["path"], "w") as f:
        f.write("escaped")
    return "written"


def fork_bomb(event, context):
    while True:
        try:
            os.fork()
        except OSError:
            pass


def memory_bomb(event, context):
    hog = []
    while True:
        hog.append(bytearray(8 * 1024 * 1024))


def connect(event, context):
    socket.create_connection((event["host"], event["port"]), timeout=3).close()
    return "connected"


def spin(event, context):
    n = 0
    while True:
        n += 1
