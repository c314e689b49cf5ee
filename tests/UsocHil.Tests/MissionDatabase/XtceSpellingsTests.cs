using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>The spellings that differ between XTCE 1.0/1.1 and 1.2 read alike; an unknown element is reported, never fatal.</summary>
public sealed class XtceSpellingsTests
{
    private static DatabaseImport Import(string xml)
    {
        string file = Path.Combine(Path.GetTempPath(), $"usochil-xtce-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, xml);
        try
        {
            return XtceImporter.Import([file], "spellings");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Database(string ns, string signed, string ieee) => $"""
        <SpaceSystem name="S" xmlns="{ns}">
          <TelemetryMetaData>
            <ParameterTypeSet>
              <IntegerParameterType name="ID_T"><IntegerDataEncoding sizeInBits="11"/></IntegerParameterType>
              <IntegerParameterType name="OFFSET_T" signed="true"><IntegerDataEncoding sizeInBits="12" encoding="{signed}"/></IntegerParameterType>
              <FloatParameterType name="VOLTS_T">
                <UnitSet><Unit>V</Unit></UnitSet>
                <IntegerDataEncoding sizeInBits="12">
                  <DefaultCalibrator><PolynomialCalibrator><Term exponent="0" coefficient="-5"/><Term exponent="1" coefficient="0.01"/></PolynomialCalibrator></DefaultCalibrator>
                </IntegerDataEncoding>
              </FloatParameterType>
              <FloatParameterType name="GAIN_T"><FloatDataEncoding encoding="{ieee}" sizeInBits="64"/></FloatParameterType>
              <EnumeratedParameterType name="MODE_T">
                <IntegerDataEncoding sizeInBits="4"/>
                <EnumerationList><Enumeration value="1" label="SAFE"/><Enumeration value="2" label="SCIENCE"/></EnumerationList>
              </EnumeratedParameterType>
            </ParameterTypeSet>
            <ParameterSet>
              <Parameter name="ID" parameterTypeRef="ID_T"/>
              <Parameter name="MODE" parameterTypeRef="MODE_T"/>
              <Parameter name="Offset" parameterTypeRef="OFFSET_T"/>
              <Parameter name="Volts" parameterTypeRef="VOLTS_T"/>
              <Parameter name="GAIN" parameterTypeRef="GAIN_T"/>
            </ParameterSet>
            <ContainerSet>
              <SequenceContainer name="Frame" abstract="true">
                <EntryList><ParameterRefEntry parameterRef="ID"/><ParameterRefEntry parameterRef="MODE"/></EntryList>
              </SequenceContainer>
              <SequenceContainer name="Science">
                <EntryList>
                  <ParameterRefEntry parameterRef="Offset"><LocationInContainerInBits referenceLocation="previousEntry"><FixedValue>1</FixedValue></LocationInContainerInBits></ParameterRefEntry>
                  <ParameterRefEntry parameterRef="Volts"/>
                  <ParameterRefEntry parameterRef="GAIN"/>
                  <FutureEntry name="not in any schema"/>
                </EntryList>
                <BaseContainer containerRef="Frame">
                  <RestrictionCriteria><Comparison parameterRef="MODE" value="SCIENCE"/></RestrictionCriteria>
                </BaseContainer>
              </SequenceContainer>
            </ContainerSet>
          </TelemetryMetaData>
        </SpaceSystem>
        """;

    [TestCase("http://www.omg.org/space/xtce", "twosCompliment", "IEEE754_1985")]
    [TestCase("http://www.omg.org/spec/XTCE/20180204", "twosComplement", "IEEE754")]
    [TestCase("", "twosComplement", "IEEE754")]
    public void Import_EachVersionsSpelling_GivesTheSameLayoutAndValues(string ns, string signed, string ieee)
    {
        DatabaseImport imported = Import(Database(ns, signed, ieee));
        var layouts = new PacketLayouts(imported.Rig.Dictionary);
        // ID 0x7FF, MODE 2 | 1 bit gap | OFFSET -3 (12 bits) | VOLTS raw 700 (12 bits) | GAIN 2.5 (float64)
        ulong bits = 0x7FFUL << 53 | 2UL << 49 | 0UL << 48 | (ulong)(-3 & 0xFFF) << 36 | 700UL << 24;
        // ID..VOLTS take the first 40 bits (5 octets) of that word; GAIN follows them.
        byte[] packet = [.. BitConverter.GetBytes(bits).Reverse().Take(5), .. BitConverter.GetBytes(BitConverter.DoubleToUInt64Bits(2.5)).Reverse()];

        DecodedPacket decoded = layouts.Decode(packet);

        Assert.That(imported.Rig.Dictionary.Parameters.Select(p => (p.Name, p.Type)), Is.EqualTo(new[] { ("ID", "uint11"), ("MODE", "uint4"), ("OFFSET", "int12"), ("VOLTS", "uint12"), ("GAIN", "float64") }));
        Assert.That(decoded.Layout, Is.EqualTo("Science"));
        var values = decoded.Fields.ToDictionary(f => f.Parameter.Name, f => f.Value);
        Assert.That(values["MODE"].Label, Is.EqualTo("SCIENCE"));
        Assert.That(values["OFFSET"].Raw, Is.EqualTo(-3));
        Assert.That(values["VOLTS"].Value, Is.EqualTo(2.0).Within(1e-12));
        Assert.That(values["VOLTS"].Unit, Is.EqualTo("V"));
        Assert.That(values["GAIN"].Value, Is.EqualTo(2.5));
    }

    [Test]
    public void Import_UnknownElement_IsReportedDroppedWithItsLineAndTheLayoutIsCutThere()
    {
        DatabaseImport imported = Import(Database("", "twosComplement", "IEEE754"));

        ImportReportEntry future = imported.Report.Entries.Single(e => e.Element == "FutureEntry");
        Assert.That(future.Outcome, Is.EqualTo(ImportOutcome.Dropped));
        Assert.That(future.Location, Does.EndWith(":34"));
        Assert.That(imported.Rig.Dictionary.Packets.Single(p => p.Name == "Science").Entries, Has.Count.EqualTo(3));
    }
}
