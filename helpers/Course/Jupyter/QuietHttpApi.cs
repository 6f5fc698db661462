using System.Diagnostics;
using Microsoft.DotNet.Interactive;

namespace Course.Jupyter;

/// <summary>
/// Keeps the pinned kernel's HTTP API "bootstrap" out of notebooks. Started for Jupyter, the kernel adds an output to the
/// first cell that runs: a script that probes every address of the machine for the API (the addresses are written in the
/// output, so a saved notebook carries them) and fetches require.js from a CDN. The course's API is on a private Unix
/// socket, so every probe fails anyway. The kernel leaves that output out when its front end's
/// <c>RequiresAutomaticBootstrapping</c> is false, as it makes it for VS Code; this sets it, from inside the kernel's
/// process (a startup hook), when the kernel's host has been built and before it starts.
/// </summary>
internal static class QuietHttpApi
{
    /// <summary>The runtime's variable naming startup hook assemblies.</summary>
    public const string HookVariable = "DOTNET_STARTUP_HOOKS";

    /// <summary>This assembly, the one the launcher names in <see cref="HookVariable"/>.</summary>
    public static string HookAssembly => typeof(QuietHttpApi).Assembly.Location;

    /// <summary>
    /// The value of <see cref="HookVariable"/> for the kernel: this assembly first, then any hooks the user had set.
    /// </summary>
    public static string HookValue(string? existing) =>
        string.IsNullOrEmpty(existing) ? HookAssembly : HookAssembly + Path.PathSeparator + existing;

    const string HostingListener = "Microsoft.Extensions.Hosting";
    const string HostBuilt = "HostBuilt";
    const string BootstrapSwitch = "RequiresAutomaticBootstrapping";

    /// <summary>
    /// Watches for the kernel's host, and clears the variable that loaded this hook, so the processes the kernel starts
    /// (workers, builds, NuGet restores) do not load it.
    /// </summary>
    public static void Install()
    {
        var others = (Environment.GetEnvironmentVariable(HookVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(hook => !string.Equals(Path.GetFullPath(hook), HookAssembly, StringComparison.Ordinal));
        Environment.SetEnvironmentVariable(HookVariable, string.Join(Path.PathSeparator, others) is { Length: > 0 } rest ? rest : null);
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == HostingListener)
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == HostBuilt && e.Value is { } host)
                        TurnOffBootstrap(host);
                }));
        }));
    }

    /// <summary>Sets the kernel's front end to need no bootstrap; says so on stderr (Jupyter's log) when it cannot.</summary>
    static void TurnOffBootstrap(object host)
    {
        var services = host.GetType().GetProperty("Services")?.GetValue(host) as IServiceProvider;
        if (services?.GetService(typeof(Kernel)) is not Kernel kernel)
            return; // another host in the process, not the kernel's
        var frontEnd = kernel.FrontendEnvironment;
        var bootstrap = frontEnd?.GetType().GetProperty(BootstrapSwitch);
        if (bootstrap is { CanWrite: true } && bootstrap.PropertyType == typeof(bool))
            bootstrap.SetValue(frontEnd, false);
        else
            Console.Error.WriteLine(
                $"Course kernel: the front end {frontEnd?.GetType().FullName ?? "(none)"} has no {BootstrapSwitch} to turn off, so the kernel may add its " +
                "HTTP API bootstrap (with this machine's addresses) to the first cell. The pinned kernel changed: update QuietHttpApi.");
    }

    sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error) { }

        public void OnCompleted() { }
    }
}
