using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using UsocHil.Interop;

namespace UsocHil.Configuration;

/// <summary>
/// Reads one JSON configuration file: bounded size, syntax, schema (every problem with its line), then typed.
/// </summary>
internal static class ConfigurationFileReader
{
    /// <summary>No configuration or sequence file is legitimately larger; a bigger one is refused before parsing.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        TypeInfoResolver = ConfigurationJson.Default,
    };

    /// <summary>Reads and parses a file, keeping line information for later semantic checks.</summary>
    public static JToken Parse(string file, string displayName) => Parse(file, displayName, out _);

    /// <param name="text">The file's text, for <see cref="Deserialize{T}(JToken, string, string)"/>.</param>
    public static JToken Parse(string file, string displayName, out string text)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new ConfigurationException(new ConfigurationProblem(displayName, "", 0, "file not found"));
        }

        // A regular file says its size: refuse a big one before reading a byte. Devices say 0, so the read is bounded too.
        if (info.Length > MaxFileBytes)
        {
            throw new ConfigurationException(new ConfigurationProblem(
                displayName, "", 0, $"file is {info.Length:N0} bytes, more than the {MaxFileBytes:N0} a configuration file may have"));
        }

        try
        {
            text = BoundedFile.ReadAllText(file, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(new ConfigurationProblem(displayName, "", 0, $"cannot read: {e.Message}"));
        }

        try
        {
            var settings = new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore };
            using var reader = new JsonTextReader(new StringReader(text)) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
            JToken token = JToken.Load(reader, settings);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("unexpected content after the end of the document", reader.Path, reader.LineNumber, reader.LinePosition, null);
            }

            // Json.NET reads NaN and Infinity, which JSON does not have and no setting (a time scale, a limit) can mean.
            if ((token is JContainer container ? container.DescendantsAndSelf() : [token]).OfType<JValue>().FirstOrDefault(v => v.Value is double d && !double.IsFinite(d)) is { } notFinite)
            {
                throw new ConfigurationException(new ConfigurationProblem(displayName, ToJsonPath(notFinite.Path), LineOf(notFinite), $"{notFinite.Value} is not a number JSON allows"));
            }

            return token;
        }
        catch (JsonReaderException e)
        {
            throw new ConfigurationException(new ConfigurationProblem(displayName, ToJsonPath(e.Path ?? ""), e.LineNumber, "invalid JSON: " + FirstSentence(e.Message)));
        }
    }

    /// <summary>Every schema violation in the document, each with its JSON path and line.</summary>
    public static IEnumerable<ConfigurationProblem> Validate(JToken document, ConfigurationSchema schema, string displayName)
    {
        if (schema.Admits(document))
        {
            yield break;
        }

        foreach (ValidationError error in Flatten(schema.Model.Validate(document)))
        {
            string path = ToJsonPath(error.Path?.TrimStart('#', '/').Replace('/', '.') ?? "");
            string property = error.Property is null || path.EndsWith("." + error.Property, StringComparison.Ordinal) ? "" : $" '{error.Property}'";
            yield return new ConfigurationProblem(displayName, path, error.LineNumber, Describe(error.Kind) + property);
        }
    }

    /// <summary>
    /// The typed form, read from the file's own text: writing the document out again for System.Text.Json was Json.NET's
    /// writer's first use, about 10 ms of <c>config validate</c> (docs/PERFORMANCE.md, figure 13). Text that only
    /// Json.NET's lenient reader accepts (single quotes, unquoted names, trailing commas), and any file the typed read
    /// refuses, is read as before from the document, so what is accepted and what is reported do not change.
    /// </summary>
    /// <param name="text">The text <paramref name="document"/> was parsed from.</param>
    public static T Deserialize<T>(JToken document, string text, string displayName)
    {
        try
        {
            TypedReadPreparation.WaitFor<T>();
            if (TypedReadPreparation.TryTake(text, out T? prepared) && prepared is { } taken)
            {
                return taken;
            }

            if (System.Text.Json.JsonSerializer.Deserialize<T>(text, SerializerOptions) is { } typed)
            {
                return typed;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return Deserialize<T>(document, displayName);
    }

    /// <summary>The typed form; only called once the schema has passed, so failures here are unexpected shapes.</summary>
    public static T Deserialize<T>(JToken document, string displayName)
    {
        try
        {
            TypedReadPreparation.WaitFor<T>();
            return System.Text.Json.JsonSerializer.Deserialize<T>(document.ToString(Formatting.None), SerializerOptions)
                ?? throw new ConfigurationException(new ConfigurationProblem(displayName, "$", 1, "the document is null"));
        }
        catch (System.Text.Json.JsonException e)
        {
            JToken? at = e.Path is null ? null : document.SelectToken(e.Path.TrimStart('$').TrimStart('.'));
            throw new ConfigurationException(new ConfigurationProblem(displayName, e.Path ?? "$", LineOf(at), FirstSentence(e.Message)));
        }
    }

    public static int LineOf(JToken? token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    public static string ToJsonPath(string path) => string.IsNullOrEmpty(path) ? "$" : "$." + path;

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (ValidationError error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // "not any of / one of" wrappers: report what is wrong inside, which is what a person can fix.
                foreach (ValidationError inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "unknown field",
        ValidationErrorKind.PropertyRequired => "missing required field",
        ValidationErrorKind.NotInEnumeration => "value is not one of the allowed values",
        ValidationErrorKind.TooManyProperties => "give exactly one of serial, tcp or udp",
        ValidationErrorKind.TooFewProperties => "give exactly one of serial, tcp or udp",
        _ when kind.ToString().EndsWith("Expected", StringComparison.Ordinal) => "wrong type: " + Words(kind.ToString()),
        _ => Words(kind.ToString()),
    };

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        string first = end > 0 ? message[..end] : message.TrimEnd('.');
        return first.Replace(Environment.NewLine, " ", StringComparison.Ordinal);
    }
}
