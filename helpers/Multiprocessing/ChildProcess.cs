using System.Globalization;
using System.Reflection;
using Multiprocessing.Parent;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Process(target=f, args=(...))</c>: runs one function
/// in a new operating-system process. The child's <see cref="Console"/> lines appear on this
/// process's <see cref="Console.Out"/> as they are written. A child never outlives its parent.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    static int _counter;

    readonly FunctionReference _function;
    readonly byte[] _arguments;
    WorkerProcess? _worker;
    readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Prepares a child that will call <paramref name="target"/> with <paramref name="args"/>.
    /// The target must be a static method or a lambda that captures nothing; arguments travel as JSON.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public ChildProcess(Delegate target, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(target);
        _ = WorkerLauncher.Program; // a single-file app is refused here, before anything starts
        args ??= [null];
        _function = FunctionReference.From(target);
        var parameters = target.Method.GetParameters();
        if (parameters.Length != args.Length)
            throw new ArgumentException(
                $"{_function.DisplayName} takes {parameters.Length} argument(s), but {args.Length} were given.", nameof(args));
        StateCheck.CheckParameters(parameters);
        var converted = args.Select((arg, i) => Convert(arg, parameters[i])).ToArray();
        _arguments = CallMessage.WriteArgumentList(converted, parameters);
        CallMessage.CheckRoundTrip(_arguments, parameters);
        Name = $"ChildProcess-{Interlocked.Increment(ref _counter)}";
    }

    /// <summary>Equivalent of <c>Process(target=f)</c> for a function of no arguments, so a method name can be passed as it is.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public ChildProcess(Action target) : this((Delegate)target)
    {
    }

    /// <summary>Equivalent of <c>Process(target=f, args=(arg1,))</c>, typed so a method name can be passed as it is.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<T1>(Action<T1> target, T1 arg1) => new(target, arg1);

    /// <summary>Equivalent of <c>Process(target=f, args=(arg1, arg2))</c>, typed so a method name can be passed as it is.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<T1, T2>(Action<T1, T2> target, T1 arg1, T2 arg2) => new(target, arg1, arg2);

    /// <summary>Equivalent of <c>Process(target=f, args=(arg1, arg2, arg3))</c>, typed so a method name can be passed as it is.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<T1, T2, T3>(Action<T1, T2, T3> target, T1 arg1, T2 arg2, T3 arg3) => new(target, arg1, arg2, arg3);

    /// <summary>Equivalent of <c>Process(target=f)</c> for a function whose result the child drops, as Python's does.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<TResult>(Func<TResult> target) => new(target);

    /// <summary>Equivalent of <c>Process(target=f, args=(arg1,))</c> for a function whose result the child drops.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<T1, TResult>(Func<T1, TResult> target, T1 arg1) => new(target, arg1);

    /// <summary>Equivalent of <c>Process(target=f, args=(arg1, arg2))</c> for a function whose result the child drops.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before any process starts, when a child could not run <paramref name="target"/> (a capturing lambda, an instance method) or an argument does not fit its parameter, cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a child has no program file to run.</exception>
    public static ChildProcess Create<T1, T2, TResult>(Func<T1, T2, TResult> target, T1 arg1, T2 arg2) => new(target, arg1, arg2);

    /// <summary>
    /// Widens numbers as a direct call would (an int for a double parameter), and refuses other
    /// mismatches here with a message naming both types.
    /// </summary>
    object? Convert(object? arg, ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (arg is null || type.IsInstanceOfType(arg))
            return arg;
        if (IsNumber(type) && IsNumber(arg.GetType()))
        {
            try
            {
                return System.Convert.ChangeType(arg, type, CultureInfo.InvariantCulture);
            }
            catch (OverflowException e)
            {
                throw new ArgumentException($"{_function.DisplayName}: {arg} does not fit parameter '{parameter.Name}' of type {CSharpName.Of(type)}.", parameter.Name, e);
            }
        }
        throw new ArgumentException(
            $"{_function.DisplayName} takes {CSharpName.WithArticle(CSharpName.Of(parameter.ParameterType))} for '{parameter.Name}', but was given {CSharpName.WithArticle(CSharpName.Of(arg.GetType()))}. " +
            $"Pass {CSharpName.WithArticle(CSharpName.Of(parameter.ParameterType))}.",
            parameter.Name);
    }

    static bool IsNumber(Type type) => type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal);

    /// <summary>A name for messages, like Python's <c>Process-1</c>.</summary>
    public string Name { get; set; }

    /// <summary>The operating-system process id, or null before <see cref="Start"/>.</summary>
    public int? Pid => _worker?.Pid;

    /// <summary>True from <see cref="Start"/> until the process ends.</summary>
    public bool IsAlive => _worker is not null && !_gone.Task.IsCompleted && !_worker.HasExited;

    /// <summary>
    /// The exit code once the process has ended, else null: 0 on success, 1 when the target threw,
    /// the code given to <c>Environment.Exit</c>, or 128 + N when killed by signal N (137 for SIGKILL).
    /// </summary>
    public int? ExitCode => _worker?.ExitCode;

    /// <summary>When <see cref="Start"/> launched the process, or null before that.</summary>
    public DateTime? StartTime { get; private set; }

    /// <summary>When this process saw the child end, or null while it runs.</summary>
    public DateTime? ExitTime { get; private set; }

    /// <summary>Equivalent of <c>start()</c>: starts the process, in this thread's current culture and UI culture, with this process's runtime properties.</summary>
    /// <exception cref="InvalidOperationException">Throws when the process was already started: a process starts once.</exception>
    public void Start()
    {
        if (_worker is not null)
            throw new InvalidOperationException($"{Name} was already started; a process can be started only once. Create a new ChildProcess.");
        StartTime = DateTime.Now;
        _worker = WorkerProcess.Start(WorkerMode.Child, ParentCulture.Capture(), null, static (_, _) => { }, _ =>
        {
            ExitTime ??= DateTime.Now;
            _gone.TrySetResult();
        });
        _worker.OutputContext = ExecutionContext.Capture();
        var call = CallMessage.Write(1, 1, _function, _arguments);
        _worker.TrySend(MessageKind.Call, call);
    }

    /// <summary>Equivalent of <c>join()</c>: waits until the process ends, with all its output printed.</summary>
    /// <exception cref="InvalidOperationException">Throws when the process was never started.</exception>
    public void Join() => Join(Timeout.InfiniteTimeSpan);

    /// <summary>Equivalent of <c>join(timeout)</c>: waits up to <paramref name="timeout"/> for the process to end. Returns false if it is still running.</summary>
    /// <exception cref="InvalidOperationException">Throws when the process was never started.</exception>
    public bool Join(TimeSpan timeout)
    {
        var worker = _worker ?? throw new InvalidOperationException($"{Name} was never started. Call Start() before Join().");
        return worker.WaitForExit(timeout) && _gone.Task.Wait(timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(2));
    }

    /// <summary>Equivalent of <c>terminate()</c>: asks the process to stop (SIGTERM on Unix).</summary>
    public void Terminate() => _worker?.Terminate();

    /// <summary>Equivalent of <c>kill()</c>: stops the process at once (SIGKILL on Unix).</summary>
    public void Kill() => _worker?.Kill();

    /// <summary>Kills the process if it is still running and releases its pipes.</summary>
    public void Dispose() => _worker?.Dispose();

    /// <summary>The name, pid and state, like Python's repr.</summary>
    public override string ToString() =>
        $"<{Name} pid={Pid?.ToString() ?? "none"} {(_worker is null ? "initial" : IsAlive ? "started" : $"stopped exitcode={ExitCode}")}>";
}
