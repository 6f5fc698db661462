"""Measures Python's multiprocessing.Pool the way tests/Benchmark measures ProcessPool.

The C# benchmark runs this as one long-lived server, so that it can measure .NET, spawn and
fork back to back for each figure: the machine's speed drifts too much over a minute for
figures measured in separate blocks to be compared.

Protocol, one JSON object per line:
  at startup it prints   {"python_version": "3.11.7", "cpu_iterations": 717969}
  it reads a command     {"method": "spawn", "figure": "ready"}
  and prints the answer  {"value": 154.1}   (cpu_speedup adds "sequential_ms" and "parallel_ms")
Figures: ready, roundtrip, map100k, map10k_chunk1, cpu_speedup, makespan, queue100k, pipe_roundtrip;
methods: spawn, fork.
One command measures once; the C# side does the warm-up round and takes the medians.
When stdin closes the server terminates its pools and exits. An error prints a traceback
on stderr and ends the server, pools terminated as well.
"""
import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import time

WORKERS = 2
NAPS = [400, 50, 250, 10, 150, 300, 20, 100]  # lesson 5's uneven tasks, ms; Workloads.Naps in C#
NAP_WORKERS = 4


def square(x):
    return x * x


def nap(ms):
    time.sleep(ms / 1000)
    return ms


def makespan_ms(pool):
    """imap_unordered of lesson 5's uneven naps on a warm pool of 4, until the last result."""
    start = time.perf_counter()
    results = list(pool.imap_unordered(nap, NAPS))
    took = elapsed_ms(start)
    if sorted(results) != sorted(NAPS):
        raise RuntimeError("imap_unordered returned wrong results")
    return took


def produce(q, ready, go, count):
    """The queue figure's child: says it is ready, waits for the go, then puts 0 to count - 1 (Workloads.Produce in C#)."""
    ready.set()
    go.wait()
    for i in range(count):
        q.put(i)


def queue_ms(context, count):
    """From the go to the last of `count` small items a running child put on a queue; the child's start is not timed."""
    q = context.Queue()
    ready = context.Event()
    go = context.Event()
    p = context.Process(target=produce, args=(q, ready, go, count))
    p.start()
    if not ready.wait(60):
        raise RuntimeError("the queue figure's child did not start")
    start = time.perf_counter()
    go.set()
    for i in range(count):
        if q.get() != i:
            raise RuntimeError("the queue returned items out of order")
    took = elapsed_ms(start)
    p.join()
    q.close()
    q.join_thread()
    return took


def echo(conn, count):
    """The pipe figure's child: sends back each of `count` messages (Workloads.Echo in C#)."""
    for _ in range(count):
        conn.send(conn.recv())


def pipe_roundtrip_ms(context, count):
    """Median of `count` single send-and-receive round trips to an echoing child, after count // 10 untimed ones."""
    a, b = context.Pipe()
    p = context.Process(target=echo, args=(b, count + count // 10))
    p.start()
    b.close()
    for i in range(count // 10):
        a.send(i)
        a.recv()
    samples = []
    for i in range(count):
        start = time.perf_counter()
        a.send(i)
        if a.recv() != i:
            raise RuntimeError("the pipe echoed a wrong message")
        samples.append(elapsed_ms(start))
    p.join()
    a.close()
    return statistics.median(samples)


def spin(n):
    """CPU-bound work: a Lehmer random-number recurrence. Workloads.Spin in C# is the same loop."""
    x = 1
    total = 0
    for _ in range(n):
        x = x * 48271 % 2147483647
        total += x & 255
    return total


def elapsed_ms(start):
    return (time.perf_counter() - start) * 1000


def calibrate(target_ms):
    """Iterations of spin() that take about target_ms in this process."""
    probe = 200_000
    spin(probe)
    start = time.perf_counter()
    spin(probe)
    return max(1, round(probe * target_ms / elapsed_ms(start)))


def ready_ms(context):
    """From creating a pool to its first result; the pool is torn down outside the timing."""
    start = time.perf_counter()
    pool = context.Pool(WORKERS)
    pool.apply(square, (1,))
    took = elapsed_ms(start)
    pool.terminate()
    pool.join()
    return took


def roundtrip_ms(pool, count):
    """Median of `count` single apply_async round trips, after count // 10 untimed ones."""
    for _ in range(count // 10):
        pool.apply_async(square, (1,)).get()
    samples = []
    for i in range(count):
        start = time.perf_counter()
        pool.apply_async(square, (i,)).get()
        samples.append(elapsed_ms(start))
    return statistics.median(samples)


def map_ms(pool, count, chunksize=None):
    start = time.perf_counter()
    results = pool.map(square, range(count), chunksize)
    took = elapsed_ms(start)
    if results[-1] != (count - 1) ** 2:
        raise RuntimeError("map returned a wrong result")
    return took


def cpu(pool, tasks, iterations):
    """One sequential run and one pool run of the same tasks, back to back so drift hits both alike."""
    start = time.perf_counter()
    expected = [spin(iterations) for _ in range(tasks)]
    sequential = elapsed_ms(start)
    start = time.perf_counter()
    if pool.map(spin, [iterations] * tasks) != expected:
        raise RuntimeError("spin returned a wrong result")
    parallel = elapsed_ms(start)
    return {"value": sequential / parallel, "sequential_ms": sequential, "parallel_ms": parallel}


def answer(message):
    print(json.dumps(message), flush=True)


def serve(args):
    iterations = calibrate(args.cpu_task_ms)  # once, so both start methods run the same work
    answer({"python_version": platform.python_version(), "cpu_iterations": iterations})
    pools = {}
    nap_pools = {}

    def nap_pool(method):
        """A warm pool of 4 for the makespan figure, like the C# side's."""
        if method not in nap_pools:
            nap_pools[method] = multiprocessing.get_context(method).Pool(NAP_WORKERS)
            nap_pools[method].map(square, range(8), 1)
        return nap_pools[method]

    def warm_pool(method):
        """The pool that a method's warm-pool figures share, like ProcessPool on the C# side.

        Started lazily, so no pool idles while `ready` is measured, and warmed outside any timing.
        """
        if method not in pools:
            pools[method] = multiprocessing.get_context(method).Pool(WORKERS)
            pools[method].apply(square, (1,))
        return pools[method]

    figures = {
        "ready": lambda method: ready_ms(multiprocessing.get_context(method)),
        "roundtrip": lambda method: roundtrip_ms(warm_pool(method), args.roundtrips),
        "map100k": lambda method: map_ms(warm_pool(method), 100_000),
        "map10k_chunk1": lambda method: map_ms(warm_pool(method), 10_000, 1),
        "cpu_speedup": lambda method: cpu(warm_pool(method), args.cpu_tasks, iterations),
        "makespan": lambda method: makespan_ms(nap_pool(method)),
        "queue100k": lambda method: queue_ms(multiprocessing.get_context(method), args.queue_items),
        "pipe_roundtrip": lambda method: pipe_roundtrip_ms(multiprocessing.get_context(method), args.pipe_roundtrips),
    }
    try:
        for line in iter(sys.stdin.readline, ""):
            command = json.loads(line)
            value = figures[command["figure"]](command["method"])
            answer(value if isinstance(value, dict) else {"value": value})
    finally:
        for pool in list(pools.values()) + list(nap_pools.values()):
            pool.terminate()
            pool.join()  # terminate() alone does not wait; no worker may outlive the server


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Serving is the only mode; the flag is required so that running the script by hand
    # without it explains itself instead of silently waiting for commands.
    parser.add_argument("--serve", action="store_true", required=True, help="answer commands on stdin (see above)")
    parser.add_argument("--roundtrips", type=int, default=500)
    parser.add_argument("--cpu-tasks", type=int, default=8)
    parser.add_argument("--cpu-task-ms", type=float, default=150)
    parser.add_argument("--queue-items", type=int, default=100_000)
    parser.add_argument("--pipe-roundtrips", type=int, default=2000)
    serve(parser.parse_args())


if __name__ == "__main__":
    main()
