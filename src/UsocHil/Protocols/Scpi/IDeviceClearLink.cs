using UsocHil.Links;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// A link to an instrument with a device clear of its own (IEEE 488.2 §5.8: GPIB SDC, USBTMC INITIATE_CLEAR, VXI-11
/// device_clear, HiSLIP's clear): the instrument empties its input buffer and output queue. A raw socket or a serial
/// line has none; <see cref="ScpiClient"/> then drains the link until it is quiet.
/// </summary>
public interface IDeviceClearLink : ILink
{
    ValueTask DeviceClearAsync(CancellationToken cancellationToken);
}
