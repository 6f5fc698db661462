"""Drives one kernel through Debian's real Jupyter client, for the course's tests.

Reads one command per line on stdin and answers each with one JSON line on stdout:
  start NAME              start the kernelspec NAME and wait until it answers   -> {"pid", "connection"}
  exec SECONDS CODE       run CODE (\\n for newlines) and wait for its reply     -> {"status", "text"}
  submit CODE             send CODE to run, without waiting                     -> {"sent"}
  reply SECONDS           wait for the reply to what was submitted              -> {"status", "text"}
  interrupt               Jupyter's interrupt (SIGINT to the kernel's process group)
  wait-dead SECONDS       wait until the kernel's process has ended              -> {"alive", "exit_code"}
  shutdown                Jupyter's shutdown request, then its usual kill       -> {"seconds"}
  run SECONDS IN OUT      execute the notebook IN with nbclient, write it to OUT -> {"error"}
The kernelspec is found through JUPYTER_PATH, as Jupyter finds it.
"""
import json
import os
import sys
import time
import traceback

from jupyter_client import KernelManager

manager = None
client = None
process = None  # the kernel's Popen, kept: Jupyter drops its own reference at shutdown
submitted = None  # the msg_id of the last 'submit'


def answer(**values):
    print(json.dumps(values), flush=True)


def start(name):
    global manager, client, process
    manager = KernelManager(kernel_name=name)
    manager.start_kernel()
    process = manager.provisioner.process
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    with open(manager.connection_file) as f:
        connection = json.load(f)
    answer(pid=process.pid, connection=connection)


def execute(seconds, code):
    texts = []

    def keep(message):
        content = message["content"]
        if "text" in content:
            texts.append(content["text"])
        for value in content.get("data", {}).values():
            texts.append(str(value))
        if message["msg_type"] == "error":
            texts.append(content["ename"] + ": " + content["evalue"])

    reply = client.execute_interactive(code.replace("\\n", "\n"), timeout=float(seconds), output_hook=keep)
    answer(status=reply["content"]["status"], text="\n".join(texts))


def submit(code):
    global submitted
    submitted = client.execute(code.replace("\\n", "\n"))
    # Answer once the cell has printed, so an interrupt surely finds it running: the kernel echoes the code on iopub
    # before it compiles it, and on a loaded machine compiling takes seconds.
    deadline = time.monotonic() + 60
    while True:
        message = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if message["msg_type"] == "stream" and message["parent_header"].get("msg_id") == submitted:
            break
    answer(sent=True)


def reply(seconds):
    deadline = time.monotonic() + float(seconds)
    while True:
        message = client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if message["parent_header"].get("msg_id") == submitted:
            content = message["content"]
            answer(status=content["status"], text=content.get("ename", "") + ": " + content.get("evalue", ""))
            return


def wait_dead(seconds):
    deadline = time.monotonic() + float(seconds)
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    answer(alive=process.poll() is None, exit_code=process.poll())


def shutdown():
    began = time.monotonic()
    client.stop_channels()
    manager.shutdown_kernel(now=False)
    answer(seconds=time.monotonic() - began)


def run(seconds, source, target):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(source, as_version=4)
    runner = NotebookClient(notebook, timeout=int(seconds), startup_timeout=120, kernel_name=notebook.metadata.kernelspec.name,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
    error = None
    try:
        runner.execute()
    except CellExecutionError as e:
        error = str(e)[-4000:]
    nbformat.write(notebook, target)
    answer(error=error)


for line in sys.stdin:
    verb, _, rest = line.rstrip("\n").partition(" ")
    try:
        if verb == "start":
            start(rest)
        elif verb == "exec":
            seconds, _, code = rest.partition(" ")
            execute(seconds, code)
        elif verb == "submit":
            submit(rest)
        elif verb == "reply":
            reply(rest)
        elif verb == "interrupt":
            manager.interrupt_kernel()
            answer(interrupted=True)
        elif verb == "wait-dead":
            wait_dead(rest)
        elif verb == "shutdown":
            shutdown()
        elif verb == "run":
            seconds, source, target = rest.split(" ", 2)
            run(seconds, source, target)
        else:
            answer(failed=f"unknown command {verb!r}")
    except Exception:
        answer(failed=traceback.format_exc())
