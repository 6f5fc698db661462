namespace Multiprocessing.Platform;

/// <summary>
/// Makes a child die with this process from its very first instruction. On Linux the kernel sends a child SIGKILL when
/// the thread that started it ends (<c>PR_SET_PDEATHSIG</c>), and the setting survives <c>execve</c>. A child can set it
/// for itself only once its own code runs, after the runtime has started, which a tracer or a hung startup hook can
/// delay for ever; so the child is started through util-linux's <c>setpriv --pdeathsig KILL</c>, which sets it and then
/// execs the <c>dotnet</c> host in place, keeping its pid. The child still checks in its <c>Main</c> that its parent
/// is alive (<c>getppid</c>), for the moment between the fork and <c>setpriv</c>'s call.
/// </summary>
/// <remarks>
/// Where <c>setpriv</c> is missing (Alpine without util-linux, or an old one without <c>--pdeathsig</c>) the child sets
/// the signal itself in <c>Main</c>, as before. macOS and Windows have no such signal: there a child ends when its
/// pipe from the parent closes, which the parent's death does.
/// </remarks>
internal static class ParentDeathSignal
{
    /// <summary>The <c>setpriv</c> program that can set the signal, or null where there is none.</summary>
    static readonly Lazy<string?> SetPriv = new(Find);

    /// <summary>The command line that starts <paramref name="command"/> with the signal already set, or the command itself where it cannot be.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> command) =>
        SetPriv.Value is { } setpriv ? [setpriv, "--pdeathsig", "KILL", "--", .. command] : command;

    static string? Find()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        foreach (var path in new[] { "/usr/bin/setpriv", "/bin/setpriv" })
            if (File.Exists(path) && SupportsPdeathsig(path))
                return path;
        return null;
    }

    /// <summary>util-linux added <c>--pdeathsig</c> in 2.33 (2018); an older setpriv would refuse the option and no child would start.</summary>
    static bool SupportsPdeathsig(string setpriv)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(setpriv, ["--help"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var help = System.Diagnostics.Process.Start(info)!;
            var text = help.StandardOutput.ReadToEndAsync();
            help.StandardError.ReadToEnd();
            if (!help.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                help.Kill();
                return false;
            }
            return text.Result.Contains("--pdeathsig", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
