/// <summary>
/// A real startup hook (<c>DOTNET_STARTUP_HOOKS</c> = StartupHook.dll): code the .NET host runs before a program's
/// <c>Main</c>, as dotnet watch's hot reload agent and APM agents are. <c>MP_TEST_STARTUP_HOOK</c> says what it does:
/// <c>banner</c> prints a line on stdout (as an agent's banner does); <c>hang</c> prints one and then holds the process
/// before <c>Main</c> for two minutes (as a hook waiting for its tool does); <c>mark:FOLDER</c> writes <c>hook-{pid}</c>
/// there, to show that it ran.
/// </summary>
public static class StartupHook
{
    public const string Variable = "MP_TEST_STARTUP_HOOK";

    public static void Initialize()
    {
        var what = Environment.GetEnvironmentVariable(Variable) ?? "";
        if (what == "banner")
            Console.WriteLine($"startup hook: hello from {Environment.ProcessId}");
        else if (what == "hang")
        {
            Console.WriteLine($"startup hook: holding {Environment.ProcessId} before Main");
            Console.Out.Flush();
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
        else if (what.StartsWith("mark:", StringComparison.Ordinal))
            File.WriteAllText(Path.Combine(what["mark:".Length..], $"hook-{Environment.ProcessId}"), "");
    }
}
