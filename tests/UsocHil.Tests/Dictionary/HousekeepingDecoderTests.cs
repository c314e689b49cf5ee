using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Tests.Support;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Dictionary;

public sealed class HousekeepingDecoderTests
{
    // TC1..3_RAW, TC1..3_TEMP, HEATER_POWER, HEATER_ON, SETPOINT, MODE, FAULT_FLAGS, CONTROL_TEMP
    private static readonly double[] Raw = [850_123, -1_000, 0, 850.5, 849.25, 851, 4321, 1, 850, 2, 0, 850.25];

    private static DictionaryCodec Codec => new(TestRigs.Furnace().Dictionary, 100);

    [Test]
    public void Decode_FurnaceStatus_GivesEngineeringValuesInStructureOrder()
    {
        HousekeepingDecoder decoder = Codec.GetHousekeepingDecoder(1);
        byte[] packet = Packet(decoder);
        var values = new double[decoder.Parameters.Count];

        decoder.Decode(packet, values);

        Assert.That(values[0], Is.EqualTo(850.123).Within(1e-9));
        Assert.That(values[1], Is.EqualTo(-1.0).Within(1e-9));
        Assert.That(values[3], Is.EqualTo(850.5));
        Assert.That(values[6], Is.EqualTo(432.1).Within(1e-9));
        Assert.That(values[9], Is.EqualTo(2));
    }

    [Test]
    public void DecodeHousekeeping_ByName_HasUnitsAndEnumLabels()
    {
        var values = Codec.DecodeHousekeeping(PusCodec.UsocHilDefault.DecodeTelemetry(Packet(Codec.GetHousekeepingDecoder(1))));

        Assert.That(values["HEATER_ON"].Label, Is.EqualTo("ON"));
        Assert.That(values["MODE"].ToString(), Is.EqualTo("CONTROL"));
        Assert.That(values["TC1_RAW"].Unit, Is.EqualTo("degC"));
        Assert.That(values["TC1_RAW"].Raw, Is.EqualTo(850_123));
    }

    [Test]
    public void Decode_SteadyState_AllocatesNothing()
    {
        HousekeepingDecoder decoder = Codec.GetHousekeepingDecoder(1);
        byte[] packet = Packet(decoder);
        var values = new double[decoder.Parameters.Count];
        decoder.Decode(packet, values);

        long allocated = Allocations.LeastOfThreeRounds(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                decoder.Decode(packet, values);
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Decode_OtherStructureOrLength_ThrowsPacketDecodeException()
    {
        HousekeepingDecoder decoder = Codec.GetHousekeepingDecoder(1);
        byte[] data = decoder.EncodeSourceData(Raw);
        data[0] = 2;
        byte[] wrongStructure = PusCodec.UsocHilDefault.Encode(new Telemetry { Apid = 100, Service = 3, Subtype = 25, ApplicationData = data });
        byte[] shortData = PusCodec.UsocHilDefault.Encode(new Telemetry { Apid = 100, Service = 3, Subtype = 25, ApplicationData = data.AsMemory(0, data.Length - 1) });
        var values = new double[12];

        Assert.That(() => decoder.Decode(wrongStructure, values), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("app_data.structure_id"));
        Assert.That(() => decoder.Decode(shortData, values), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("app_data"));
    }

    private static byte[] Packet(HousekeepingDecoder decoder) =>
        PusCodec.UsocHilDefault.Encode(new Telemetry { Apid = 100, Service = 3, Subtype = 25, Time = new CucTime(2_000_000_000, 0), ApplicationData = decoder.EncodeSourceData(Raw) });
}
