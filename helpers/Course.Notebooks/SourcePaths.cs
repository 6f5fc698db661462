using System.Runtime.CompilerServices;

namespace Course.Notebooks;

/// <summary>
/// A child's stack trace names the library's source files by their full path on the machine that built it (the helpers
/// are a Debug build, with line numbers); in a notebook they are shown relative to the course folder, so a handout does
/// not carry the folders of the machine that ran it.
/// </summary>
internal static class SourcePaths
{
    static readonly string CourseFolder = FindCourseFolder();

    /// <summary><paramref name="text"/> with the course folder's full path taken off the paths in it.</summary>
    public static string Relative(string text) =>
        CourseFolder.Length > 1 ? text.Replace(CourseFolder, "", StringComparison.Ordinal) : text; // a course at / has nothing to take off

    // This file is helpers/Course.Notebooks/SourcePaths.cs, compiled on the machine the stack traces come from.
    static string FindCourseFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..")).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
}
