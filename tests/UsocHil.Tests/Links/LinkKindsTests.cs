using UsocHil.Description;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Registration;

namespace UsocHil.Tests.Links;

/// <summary>Link kinds are registered by name; a binding names exactly one, and an extension's kind opens like a built-in one.</summary>
public sealed class LinkKindsTests
{
    private static readonly LinkDefinition s_payload = new() { Name = "payload", Protocol = "pus" };

    [Test]
    public void A_binding_naming_no_kind_or_two_is_refused()
    {
        Assert.That(() => LinkKinds.KindOf("payload", new EndpointBinding()),
            Throws.TypeOf<LinkException>().With.Message.EqualTo("payload: a link binding needs exactly one of serial, tcp, udp or kind (found 0)"));
        Assert.That(() => LinkKinds.KindOf("payload", new EndpointBinding { Tcp = new NetworkBinding { Host = "127.0.0.1", Port = 1 }, Kind = "can" }),
            Throws.TypeOf<LinkException>());
    }

    [Test]
    public void A_kind_nobody_registered_is_refused_with_the_registered_kinds()
    {
        var factory = new LinkFactory(TimeProvider.System, Serilog.Core.Logger.None);

        Assert.That(async () => await factory.OpenAsync(s_payload, new EndpointBinding { Kind = "can", Address = "can0" }, CancellationToken.None),
            Throws.TypeOf<RegistrationException>().With.Message.EqualTo("no link kind named 'can' (known: serial, tcp, udp)"));
    }

    [Test]
    public void A_built_in_kind_cannot_be_registered_again() =>
        Assert.That(() => LinkKinds.CreateDefault().Add("TCP", (_, _) => ValueTask.FromResult<ILink>(InMemoryLink.CreatePair().A)), Throws.TypeOf<RegistrationException>());

    [Test]
    public async Task An_extension_kind_is_opened_with_the_binding_s_address()
    {
        var (near, far) = InMemoryLink.CreatePair();
        string? address = null;
        LinkKinds kinds = LinkKinds.CreateDefault().Add("loop", (open, _) =>
        {
            address = open.Binding.Address;
            return ValueTask.FromResult<ILink>(near);
        });
        var factory = new LinkFactory(TimeProvider.System, Serilog.Core.Logger.None, kinds: kinds);

        await using ILink link = await factory.OpenAsync(s_payload, new EndpointBinding { Kind = "loop", Address = "bench-7" }, CancellationToken.None);
        await link.WriteAsync(new byte[] { 42 }, CancellationToken.None);
        byte[] received = new byte[1];
        await far.ReadAsync(received, CancellationToken.None);

        Assert.That(address, Is.EqualTo("bench-7"));
        Assert.That(received[0], Is.EqualTo(42));
        await far.DisposeAsync();
    }
}
