using System.CommandLine;
using System.Text.Json;
using UsocHil.Configuration;
using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Json;
using UsocHil.Description;

namespace UsocHil.Cli.Packets;

/// <summary>Which profile (and dictionary) a packet command reads and writes with: --rig, --profile, or UsocHil's default.</summary>
internal static class PacketProfileOptions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static PacketProfile Resolve(ParseResult parseResult, Option<string?> rigOption, Option<FileInfo?> profileOption)
    {
        string? rig = parseResult.GetValue(rigOption);
        FileInfo? profileFile = parseResult.GetValue(profileOption);
        if (rig is not null && profileFile is not null)
        {
            throw new UsageException("give --rig or --profile, not both");
        }

        if (rig is not null)
        {
            LoadedRig loaded = StationContext.Load(parseResult).Rig(rig);
            var codec = new PusCodec(loaded.Definition.Profile);
            return new PacketProfile(codec, new DictionaryVocabulary(new DictionaryCodec(loaded.Definition.Dictionary, (ushort)loaded.Definition.Apid, codec)), $"rig {rig}");
        }

        if (profileFile is not null)
        {
            return new PacketProfile(new PusCodec(ReadProfile(profileFile)), null, profileFile.Name);
        }

        return PacketProfile.Default;
    }

    /// <summary>A profile file: a bare profile object, or any document (a rig.json) with a "profile" member.</summary>
    private static MissionProfile ReadProfile(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"profile file {file.FullName} does not exist");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file.FullName), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            JsonElement root = document.RootElement;
            JsonElement profile = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("profile", out JsonElement inner) ? inner : root;
            MissionProfile parsed = profile.Deserialize<MissionProfile>(Json) ?? throw new UsageException($"{file.Name}: no profile");
            _ = new PusLayout(parsed);
            return parsed;
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file.Name}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{file.Name}: {e.Message}");
        }
    }
}
