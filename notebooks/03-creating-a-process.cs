// 03-creating-a-process.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/03-creating-a-process.cs
// Written from 03-creating-a-process.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Course.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
// A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
// which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
#:property PublishAot=false
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Course.Apps;

LessonApp.Start("Q3. How do you create a process?");

// # Q3. How do you create a process?
//
// The assignment's example starts 15 processes. Each one cubes one element of an array that all of
// them share, in place. In Python:
//
// ```python
// from multiprocessing import Process, Array
//
// def cube(arr, i):
//     arr[i] = arr[i] ** 3
//
// if __name__ == "__main__":
//     arr = Array('i', range(2, 17))
//     procs = [Process(target=cube, args=(arr, i)) for i in range(15)]
//     for p in procs: p.start()
//     for p in procs: p.join()
//     print(arr[:])
// ```
//
// In C#, `ChildProcess` plays the part of `Process`, and `SharedArray<int>` the part of `Array('i',
// ...)`: memory that every process maps, so a change made by a child is seen by the parent.

// The target must be a `static` method: a child process runs it from this notebook's compiled code,
// and cannot see the notebook's variables. Its arguments are sent to the child; a `SharedArray`
// travels as the name of its shared memory.

static void CubeInPlace(SharedArray<int> numbers, int index) =>
    numbers[index] = numbers[index] * numbers[index] * numbers[index];

// `ChildProcess.Create(target, arguments...)` is the same as Python's `Process(target=...,
// args=(...))`. `Start` launches the process and `Join` waits for it to end.

var numbers = new SharedArray<int>(Enumerable.Range(2, 15));
Console.WriteLine($"before: {numbers}");

var children = Enumerable.Range(0, numbers.Length)
    .Select(i => ChildProcess.Create(CubeInPlace, numbers, i))
    .ToList();
foreach (var child in children) child.Start();
foreach (var child in children) child.Join();

Console.WriteLine($"after:  {numbers}");

// Every child was a real operating-system process, with its own pid. An exit code of 0 means the
// target returned normally.
//
// The two loops are Python's `for p in procs: p.start()` and `for p in procs: p.join()`. The
// library also has them as one call each, `children.StartAll()` and `children.JoinAll()`, which the
// cells below use. `JoinAll` does the same joins, then releases each child, as the `Dispose` calls
// further down do for these 15: pids and exit codes stay readable, and no process or pipe is left
// behind, even when the wait is interrupted (a child still running then is killed).

foreach (var child in children)
    Console.WriteLine($"{child.Name,-16} pid {child.Pid,-7} exit code {child.ExitCode}");
Console.WriteLine($"{children.Select(c => c.Pid).Distinct().Count()} different pids; this lesson runs in process {Environment.ProcessId}.");

// When did each one run? The processes overlap; with more processes than cores, they take turns on
// the cores:

LessonApp.Show(TimelineChart.For(children, "15 child processes, each cubing one number"));

// ## What did that cost?
//
// Cubing a number takes nanoseconds; starting a process takes milliseconds. The same job three
// ways: a plain loop, 15 threads, and 15 processes.

static SharedArray<int> TwoToSixteen() => new(Enumerable.Range(2, 15));

var cost = Compare.Run("Cube 15 numbers: a loop, 15 threads, 15 processes",
    sequential: () =>
    {
        using var array = TwoToSixteen();
        for (int i = 0; i < array.Length; i++)
            CubeInPlace(array, i);
    },
    threads: () =>
    {
        using var array = TwoToSixteen();
        var threads = Enumerable.Range(0, array.Length).Select(i => new Thread(() => CubeInPlace(array, i))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    },
    processes: () =>
    {
        using var array = TwoToSixteen();
        var children = Enumerable.Range(0, array.Length).Select(i => ChildProcess.Create(CubeInPlace, array, i)).ToList();
        children.StartAll();
        children.JoinAll();
    },
    new CompareOptions(Workers: 15, Repeats: 3, Work: WorkKind.Overhead));
LessonApp.Show(cost);

Console.WriteLine($"15 threads were {cost.Faster(RunMode.Threads)} than the loop; 15 processes were {cost.Faster(RunMode.Processes)}.");
Console.WriteLine($"Starting 15 processes, cubing a number in each and waiting for them took {cost.Timing(RunMode.Processes).Median.TotalMilliseconds:0} ms of wall time, for nanoseconds of work. " +
    $"They started together on {Environment.ProcessorCount} {(Environment.ProcessorCount == 1 ? "core" : "cores")}, overlapping, so that is not 15 times what one process costs: lesson 2 times one alone.");

// So this example shows *how* to create processes, not when to. (This is an overhead, so the chart
// draws no ideal line.) A process pays off when each one has far more work to do than it costs to
// start (lesson 1), and a pool (lessons 4 and 5) pays the start-up once for many tasks.

foreach (var child in children) child.Dispose();
numbers.Dispose();

// ## What `ChildProcess` does for you
//
// Underneath, a child is an operating-system process started with `Process.Start`. Started by hand,
// you must redirect its output and read it *before* `WaitForExit`: a child that fills the pipe's
// buffer blocks until someone reads, so waiting first can hang both. `ChildProcess` reads its
// children's output for you, tags it and shows it in the cell.

var info = new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true };
using (var dotnet = System.Diagnostics.Process.Start(info)!)
{
    string printed = dotnet.StandardOutput.ReadToEnd();   // read first...
    dotnet.WaitForExit();                                  // ...then wait
    Console.WriteLine($"Process {dotnet.Id} printed {printed.Trim()} and exited with code {dotnet.ExitCode}.");
}

// ## Debugging a child
//
// A breakpoint in this notebook does not stop a child: the child is another process, with a runtime
// of its own, and a debugger stops only the processes it is attached to. Three ways in:
//
// - **Log with the pid.** A child's console lines show in the cell that started it. Put
//   `Environment.ProcessId` in them, and you know which process said what.
// - **Attach to its pid.** In VS Code with the C# extension, start a `coreclr` debug configuration
//   with `"request": "attach"` and pick the pid (Visual Studio: *Debug → Attach to Process*);
//   `dotnet-trace collect -p PID` and `dotnet-counters monitor -p PID` attach the same way. The
//   child must still be running, so make it wait for you, as below.
// - **`Debugger.Launch()`** in the child's code asks the system for a debugger. Only Windows offers
//   one (a dialog); on Linux and macOS it returns `true` and launches nothing. Waiting for
//   `Debugger.IsAttached`, as below, works everywhere.
//
// The child below prints its pid, then waits for a debugger: here for half a second, so the cell
// ends; give it minutes when you mean to attach.

static void WaitForADebugger(int index, int waitMs)
{
    Console.WriteLine($"child {index} is process {Environment.ProcessId}: attach a debugger to that pid");
    var waited = System.Diagnostics.Stopwatch.StartNew();
    while (!System.Diagnostics.Debugger.IsAttached && waited.ElapsedMilliseconds < waitMs)
        Thread.Sleep(50);
    Console.WriteLine(System.Diagnostics.Debugger.IsAttached
        ? $"process {Environment.ProcessId}: a debugger is attached, carrying on"
        : $"process {Environment.ProcessId}: no debugger came within {waitMs} ms, carrying on without one");
}

using (var debuggee = ChildProcess.Create(WaitForADebugger, 1, 500))
{
    debuggee.Start();
    Console.WriteLine($"Started child 1 as process {debuggee.Pid}; this notebook is process {Environment.ProcessId}.");
    debuggee.Join();
    Console.WriteLine($"Child 1 exited with code {debuggee.ExitCode}.");
}

// ## What cannot travel to a child
//
// A child is a new process. It loads the target's compiled code from disk, and gets its arguments
// as JSON (a `SharedArray` as the name of its memory). What lives only in this process's memory
// cannot go: a variable a lambda captures, the object an instance method belongs to, a field JSON
// cannot see. The library refuses each at the call, before any process starts, saying why and what
// to do instead. A lambda that captures `factor`:

int factor = 3;
try
{
    using var refused = new ChildProcess(() => Console.WriteLine($"3 × 2 = {factor * 2}"));
    Console.WriteLine("The capturing lambda was accepted: unexpected.");
}
catch (ArgumentException e)
{
    Console.WriteLine($"Refused, with {e.GetType().Name}: {e.Message}");
}

// The fix it names: pass the value as an argument, to a lambda that captures nothing (`static`
// makes the compiler check that).

using (var passed = ChildProcess.Create(static (int f) => Console.WriteLine($"process {Environment.ProcessId} got factor {f} as an argument: 3 × 2 = {f * 2}"), factor))
{
    passed.Start();
    passed.Join();
}

// ## Summary
//
// - `ChildProcess.Create(target, args...)`, `Start` and `Join` are Python's `Process(target=...,
//   args=...)`, `start` and `join`.
// - A `SharedArray` is memory every process maps: the parent sees what the children wrote.
// - Each process costs milliseconds to start; cubing a number costs nanoseconds.
//
// ## Exercise
//
// The cells above gave the children a `SharedArray<int>`. **Predict** what happens with a plain
// `int[]` instead: the cell below is `CubeInPlace` taking an `int[]`. The parent makes `int[] plain
// = [2, 3, …, 16]` (the same 15 numbers), starts one child per index, each running
// `CubeInPlainArray(plain, i)`, and joins them all. What does the parent's `plain` hold afterwards?
//
// Write your prediction as the array `PredictPlainArrayAfterChildren` returns; work it out from
// what you know about how a child gets its arguments, not by running it. The check then runs
// exactly that in 15 real children and compares the parent's array with your prediction. Then say,
// in a sentence of your own, why. If you are stuck after a try, run `Exercise.Hint()` in a new
// cell: it shows a code skeleton.

// The question: CubeInPlace, given a plain int[] instead of a SharedArray<int>.
static void CubeInPlainArray(int[] numbers, int index) =>
    numbers[index] = numbers[index] * numbers[index] * numbers[index];

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int[] PredictPlainArrayAfterChildren()
{
    // Your prediction here: the 15 numbers the parent's plain int[] holds after the children are joined.
    return [];
}
// ▲ End of your answer.

// Each child cubes its number with CubeInPlainArray, then writes what its own array now holds into a SharedArray, so the
// parent can show both sides: what the children saw, and what the parent sees.
static void CubeAndReport(int[] numbers, SharedArray<int> seen, int index)
{
    CubeInPlainArray(numbers, index);
    seen[index] = numbers[index];
}

int[] predicted;
string predictProblem = "";
try
{
    predicted = Exercise.Within(TimeSpan.FromSeconds(10), "PredictPlainArrayAfterChildren()", PredictPlainArrayAfterChildren) ?? [];
}
catch (TimeoutException e)
{
    (predicted, predictProblem) = ([], e.Message);
}
int[] plain = Enumerable.Range(2, 15).ToArray();
using (var seen = new SharedArray<int>(plain.Length))
{
    var cubers = Enumerable.Range(0, plain.Length).Select(i => ChildProcess.Create(CubeAndReport, plain, seen, i)).ToList();
    cubers.StartAll();
    string? late = ExerciseChildren.JoinAll(cubers, TimeSpan.FromSeconds(90), "CubeInPlainArray");
    var differ = Enumerable.Range(0, plain.Length).Count(i => i >= predicted.Length || predicted[i] != plain[i]);
    if (predictProblem == "" && late is not null)
        predictProblem = late;
    else if (predictProblem == "" && cubers.Any(c => c.ExitCode != 0))
        predictProblem = $"a child failed (exit codes {PythonList.Format(cubers.Select(c => c.ExitCode ?? -1))}): run the check again.";
    else if (predictProblem == "" && (predicted.Length != plain.Length || differ > 0))
        predictProblem = $"you predicted {PythonList.Format(predicted)} ({predicted.Length} numbers); after 15 real children, the parent's array differs from it at {differ} of {plain.Length} places{(predicted.Length != plain.Length ? ", and it holds 15 numbers" : "")}. Ask what a child receives when its argument is a plain array, and where its write goes.";
    Exercise.Check("PredictPlainArrayAfterChildren", predictProblem == "",
        $"the parent still sees {PythonList.Format(plain)}, as you predicted. Each child got a copy of the int[] (sent to it as JSON), and cubed its number there: "
        + $"the children's copies held {PythonList.Format(seen.ToArray())} between them. The copies ended with the children. Only memory every process maps, a SharedArray, carries a write back.",
        predictProblem,
        """
        static int[] PredictPlainArrayAfterChildren()
        {
            int[] before = Enumerable.Range(2, 15).ToArray();
            // Does a child's write to its int[] reach the parent's array?
            // If it does, return the cubes of before; if it does not, return …
            return …;
        }
        """);
}

LessonApp.Finish();
