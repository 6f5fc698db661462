using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Course;

/// <summary>Reads and writes .ipynb files with the Interactive Documents library.</summary>
internal static class NotebookFile
{
    /// <summary>The kernels our notebooks use, as Polyglot Notebooks names them.</summary>
    public static KernelInfoCollection Kernels { get; } = CreateKernels();

    static KernelInfoCollection CreateKernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads the notebook at <paramref name="path"/>.</summary>
    public static InteractiveDocument Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"There is no notebook at {Path.GetFullPath(path)}. Check the path; lessons are in notebooks/.", path);
        using var stream = File.OpenRead(path);
        return Notebook.Read(stream, Kernels);
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> as nbformat 4.</summary>
    public static void Write(InteractiveDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            Notebook.Write(document, stream, Kernels);
        File.Move(temporary, path, overwrite: true); // never leave a half-written notebook
    }
}
