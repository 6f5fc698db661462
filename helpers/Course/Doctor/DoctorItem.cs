namespace Course.Doctor;

/// <summary>How one setup item stands: fine, fine with a caveat, or in the way of the lessons.</summary>
internal enum DoctorStatus
{
    /// <summary>✓ fine.</summary>
    Pass,
    /// <summary>! works, with something worth knowing or doing; never fails the check.</summary>
    Warn,
    /// <summary>✗ a lesson will fail until it is fixed.</summary>
    Fail,
}

/// <summary>One line of <c>course doctor</c>: what was checked, what was found, and the fix when it is not fine.</summary>
/// <param name="Status">Whether it is fine.</param>
/// <param name="Item">What was checked, such as ".NET runtime".</param>
/// <param name="Found">What was found, in a sentence.</param>
/// <param name="Fix">What to do, when the status is not <see cref="DoctorStatus.Pass"/>; null otherwise.</param>
internal sealed record DoctorItem(DoctorStatus Status, string Item, string Found, string? Fix = null)
{
    public static DoctorItem Pass(string item, string found) => new(DoctorStatus.Pass, item, found);

    public static DoctorItem Warn(string item, string found, string fix) => new(DoctorStatus.Warn, item, found, fix);

    public static DoctorItem Fail(string item, string found, string fix) => new(DoctorStatus.Fail, item, found, fix);

    /// <summary>The line as printed: "✓ Item: found", or "✗ Item: found Fix: …".</summary>
    public override string ToString()
    {
        var mark = Status switch { DoctorStatus.Pass => "✓", DoctorStatus.Warn => "!", _ => "✗" };
        return Fix is null ? $"{mark} {Item}: {Found}" : $"{mark} {Item}: {Found} Fix: {Fix}";
    }
}
