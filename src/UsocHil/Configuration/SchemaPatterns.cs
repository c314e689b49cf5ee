using System.Text.RegularExpressions;

namespace UsocHil.Configuration;

/// <summary>
/// The patterns of the station and rig schemas, compiled at build time: constructing them when first met (parsing each
/// pattern and building its interpreter) was most of a rig file's <see cref="SchemaAdmission"/> in
/// <c>config validate</c> (docs/PERFORMANCE.md, figure 13). They match as <see cref="Regex.IsMatch(string, string)"/>
/// would; a pattern not listed here is constructed as before. SchemaPatternsTests hold the list to the schemas.
/// </summary>
internal static partial class SchemaPatterns
{
    private const string LowerName = "^[a-z0-9][a-z0-9-]*$";
    private const string UpperName = "^[A-Z][A-Z0-9_]*$";
    private const string Identifier = "^[A-Za-z][A-Za-z0-9_]*$";
    private const string TimeCode = "^(none|cuc-[1-7]-([0-9]|10))$";
    private const string Epoch = @"^(tai|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})?)?)$";
    private const string WireType = "^(u?int([1-9]|[1-5][0-9]|6[0-4])|float(32|64)|bool([1-9]|[1-5][0-9]|6[0-4])?|(string|bytes)([1-9][0-9]{0,4})?|cds([6-9]|1[01]))$";
    private const string CentralArchive = @"^postgres(ql)?://\S+$";
    private const string Date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    public static bool IsMatch(string value, string pattern) =>
        Compiled(pattern) is { } regex ? regex.IsMatch(value) : Regex.IsMatch(value, pattern);

    /// <summary>The build-time regex of a schema pattern; null for a pattern not listed.</summary>
    internal static Regex? Compiled(string pattern) => pattern switch
    {
        LowerName => LowerNameRegex(),
        UpperName => UpperNameRegex(),
        Identifier => IdentifierRegex(),
        TimeCode => TimeCodeRegex(),
        Epoch => EpochRegex(),
        WireType => WireTypeRegex(),
        CentralArchive => CentralArchiveRegex(),
        Date => DateRegex(),
        _ => null,
    };

    [GeneratedRegex(LowerName)]
    private static partial Regex LowerNameRegex();

    [GeneratedRegex(UpperName)]
    private static partial Regex UpperNameRegex();

    [GeneratedRegex(Identifier)]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(TimeCode)]
    private static partial Regex TimeCodeRegex();

    [GeneratedRegex(Epoch)]
    private static partial Regex EpochRegex();

    [GeneratedRegex(WireType)]
    private static partial Regex WireTypeRegex();

    [GeneratedRegex(CentralArchive)]
    private static partial Regex CentralArchiveRegex();

    [GeneratedRegex(Date)]
    private static partial Regex DateRegex();
}
