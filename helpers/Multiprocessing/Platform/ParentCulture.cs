using System.Globalization;

namespace Multiprocessing.Platform;

/// <summary>
/// The parent's current culture and UI culture, which its children take as their own before any user code runs, so a
/// child formats, parses, compares and upper-cases as its parent: <c>--culture NAME --ui-culture NAME</c> (the invariant
/// culture's name is empty). Only the name travels: a culture object the parent changed by hand (its
/// <c>NumberFormat</c>, say) arrives as the stock culture of that name.
/// </summary>
internal sealed record ParentCulture(string Name, string UIName)
{
    /// <summary>The culture of the calling thread: a pool takes its creator's once, for every worker it will start.</summary>
    public static ParentCulture Capture() => new(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);

    /// <summary>The child's arguments that carry it.</summary>
    public string[] Arguments => ["--culture", Name, "--ui-culture", UIName];

    /// <summary>
    /// In the child: makes the parent's cultures this process's, for every thread. Throws when this runtime cannot make
    /// them (a culture that exists only where the parent runs), so the child fails rather than compute differently.
    /// </summary>
    /// <exception cref="CultureNotFoundException">Throws when this process cannot create the parent's culture.</exception>
    public static void Apply(string[] args)
    {
        if (Value(args, "--culture") is { } name && name != CultureInfo.CurrentCulture.Name)
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = new CultureInfo(name);
        if (Value(args, "--ui-culture") is { } uiName && uiName != CultureInfo.CurrentUICulture.Name)
            CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = new CultureInfo(uiName);
    }

    static string? Value(string[] args, string option) =>
        Array.IndexOf(args, option) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
