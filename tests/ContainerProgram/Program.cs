// The library as a program in a container uses it. The tests start it inside namespaces of their own and read what it
// prints, one line per step; a step's failure is printed, not thrown, so the test sees every step.
//
//   shm SIZE...      creates shared byte arrays of SIZE elements and fills them, one after another: SIZE alone is freed
//                    again, keep:SIZE is kept, child:SIZE is made and filled by a ChildProcess, worker:SIZE by a pool worker,
//                    touch:SIZE is made here and filled by a ChildProcess. Then it prints how many of its files /dev/shm holds.
//   hold             holds a shared array [1, 2, 3] and a pool, prints "holding PID NAME", then answers lines on its input:
//                    "sum" with the pool's sum of the array, "pool" with a new pool's answer, "term" by sending itself
//                    SIGTERM; it ends at the end of its input.
//   leak             holds a shared array and a pool, prints "holding PID NAME", then kills itself with SIGKILL.
//   sweep            makes a shared array and a pool, so its first files sweep /dev/shm and the temp folder, and prints "swept".
//   exit             leaves background threads using queues (16 waiting to take, one putting and taking without
//                    pause) and a shared array (written without pause), prints "exiting", and returns from Main.
//   temp             prints the temp folder, then a pool's and a ChildProcess's answers.
//   lock             takes the lock of a shared array [1, 2, 3], prints "locked PID JSON" (the array as it travels), and
//                    holds the lock until it is killed.
//   queue            makes a queue of at most one item, puts 1, takes it, puts 2, prints "queue PID JSON", then puts 3,
//                    which waits for room inside the queue's write lock until another process takes 2, then waits forever.
using System.Runtime.InteropServices;
using System.Text.Json;
using ContainerProgram;
using Multiprocessing;
using Multiprocessing.Hosting;

switch (args[0])
{
    case "shm":
        SharedMemory.Run(args[1..]);
        break;
    case "hold":
    {
        using var array = new SharedArray<int>([1, 2, 3]);
        using var pool = new ProcessPool(1);
        Say($"holding {Environment.ProcessId} {NameOf(array)}");
        while (Console.ReadLine() is { } line)
            Say(line switch
            {
                "sum" => Try(() => $"sum {pool.Apply(Targets.Sum, array)}"),
                "pool" => Try(() => { using var fresh = new ProcessPool(1); return $"pool {fresh.Apply(Targets.Sum, array)}"; }),
                "term" => Terminate(),
                _ => $"unknown {line}",
            });
        break;
    }
    case "leak":
    {
        var array = new SharedArray<int>([1, 2, 3]);
        var pool = new ProcessPool(1);
        pool.Apply(Targets.Sum, array);
        Say($"holding {Environment.ProcessId} {NameOf(array)}");
        kill(Environment.ProcessId, 9);
        Thread.Sleep(Timeout.Infinite);
        break;
    }
    case "sweep":
    {
        using var array = new SharedArray<int>(1);
        using var pool = new ProcessPool(1);
        Say("swept");
        break;
    }
    case "lock":
    {
        var array = new SharedArray<int>([1, 2, 3]);
        array.GetLock().Acquire();
        Say($"locked {Environment.ProcessId} {JsonSerializer.Serialize(array)}");
        Thread.Sleep(Timeout.Infinite);
        break;
    }
    case "queue":
    {
        var queue = new SharedQueue<int>(maxsize: 1);
        queue.Put(1);
        queue.Get();
        queue.Put(2);
        Say($"queue {Environment.ProcessId} {JsonSerializer.Serialize(queue)}");
        queue.Put(3);
        Thread.Sleep(Timeout.Infinite);
        break;
    }
    case "exit":
    {
        var busy = new SharedQueue<int>(bufferSize: 4096);
        var numbers = new SharedArray<int>(1 << 16, withLock: false);
        for (int i = 0; i < 16; i++)
        {
            var waiting = new SharedQueue<int>(bufferSize: 4096); // each waiter wakes every 25 ms to look at its queue
            Background(() => waiting.Get());
        }
        Background(() =>
        {
            busy.Put(1);
            busy.Get();
        });
        Background(() => numbers.AsSpan().Fill(7));
        Thread.Sleep(200);
        Say("exiting");
        break;
    }
    case "temp":
        Say(Try(() => $"temp folder {ProcessFiles.TempFolder}"));
        Say(Try(() =>
        {
            using var pool = new ProcessPool(1);
            using var numbers = new SharedArray<int>([4, 5]);
            return $"pool {pool.Apply(Targets.Sum, numbers)}";
        }));
        Say(Try(() =>
        {
            using var numbers = new SharedArray<int>([7]);
            using var child = ChildProcess.Create(Targets.Double, numbers);
            child.Start();
            child.Join(TimeSpan.FromSeconds(30));
            return $"child exit {child.ExitCode} value {numbers[0]}";
        }));
        break;
}

/// <summary>Runs <paramref name="step"/> over and over on a background thread, which does not keep the process alive.</summary>
static void Background(Action step) => new Thread(() =>
{
    while (true)
        step();
}) { IsBackground = true }.Start();

static void Say(string line)
{
    Console.WriteLine(line);
    Console.Out.Flush();
}

/// <summary>The step's result, or its error on one line.</summary>
static string Try(Func<string> step)
{
    try
    {
        return step();
    }
    catch (Exception e)
    {
        return $"error {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
    }
}

/// <summary>The path other processes open it by, read from the handle it travels as.</summary>
static string NameOf(SharedArray<int> array) =>
    JsonDocument.Parse(JsonSerializer.Serialize(array)).RootElement.GetProperty("sharedMemory").GetString()!;

static string Terminate()
{
    kill(Environment.ProcessId, 15);
    Thread.Sleep(Timeout.Infinite);
    return "";
}

[DllImport("libc")]
static extern int kill(int pid, int signal);
