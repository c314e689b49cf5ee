using System.Text.Json;
using System.Text.Json.Serialization;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>
/// The typed readers of the station and rig files, generated at build time: building them by reflection was about a
/// third of <c>usoc-hil config validate</c> (docs/PERFORMANCE.md, figure 13). A property these types give a default
/// has a public setter, not <c>init</c>: generated readers pass every init-only property through the object initializer
/// and so would overwrite a default the file leaves out with null or zero (dotnet/runtime#84484).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false)]
[JsonSerializable(typeof(StationConfig))]
[JsonSerializable(typeof(RigBinding))]
[JsonSerializable(typeof(RigDefinition))]
internal sealed partial class ConfigurationJson : JsonSerializerContext;
