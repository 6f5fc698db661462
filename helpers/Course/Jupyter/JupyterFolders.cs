namespace Course.Jupyter;

/// <summary>
/// Jupyter's own folders, found by the rules of <c>jupyter_core.paths</c>, so the course needs neither Python nor Jupyter
/// to know them.
/// </summary>
internal static class JupyterFolders
{
    /// <summary>Equivalent of <c>jupyter_data_dir()</c>: <c>$JUPYTER_DATA_DIR</c>, else the platform's per-user folder.</summary>
    public static string Data()
    {
        if (Variable("JUPYTER_DATA_DIR") is { } data)
            return data;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Variable("APPDATA") ?? Path.Combine(home, "AppData", "Roaming"), "jupyter");
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter");
        return Path.Combine(Variable("XDG_DATA_HOME") ?? Path.Combine(home, ".local", "share"), "jupyter");
    }

    /// <summary>Where Jupyter looks for the user's kernelspecs: <c>{data}/kernels</c>.</summary>
    public static string Kernels() => Path.Combine(Data(), "kernels");

    /// <summary>Equivalent of <c>jupyter_runtime_dir()</c>: <c>$JUPYTER_RUNTIME_DIR</c>, else <c>{data}/runtime</c>.
    /// Jupyter keeps connection files there, in a folder only the user can open.</summary>
    public static string Runtime() => Variable("JUPYTER_RUNTIME_DIR") ?? Path.Combine(Data(), "runtime");

    static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
