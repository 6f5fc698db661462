/// <summary>
/// What the .NET runtime runs in the kernel's process before the kernel's own Main, because the launcher names this
/// assembly in <c>DOTNET_STARTUP_HOOKS</c> (the runtime looks for a type of this name, in no namespace).
/// </summary>
internal static class StartupHook
{
    /// <summary>Equivalent of <c>Course.Jupyter.QuietHttpApi.Install()</c>.</summary>
    public static void Initialize() => Course.Jupyter.QuietHttpApi.Install();
}
