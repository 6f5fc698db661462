using System.Reflection;
using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>Writes one item as a function's argument values, each as its parameter's type (see <see cref="ArgumentLists"/>).</summary>
internal delegate void ArgumentWriter<in TItem>(Utf8JsonWriter json, TItem item, ParameterInfo[] parameters);
