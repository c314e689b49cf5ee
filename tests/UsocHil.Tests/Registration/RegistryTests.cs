using UsocHil.Registration;

namespace UsocHil.Tests.Registration;

public class RegistryTests
{
    [Test]
    public void A_name_is_found_whatever_its_case()
    {
        var kinds = new Registry<string>("link kind").Add("tcp", "tcp client");

        Assert.That(kinds.Get("TCP"), Is.EqualTo("tcp client"));
    }

    [Test]
    public void An_unknown_name_is_refused_with_the_names_that_are_known()
    {
        var kinds = new Registry<string>("link kind").Add("udp", "u").Add("serial", "s");

        var e = Assert.Throws<RegistrationException>(() => kinds.Get("can"));

        Assert.That(e!.Message, Is.EqualTo("no link kind named 'can' (known: serial, udp)"));
    }

    [Test]
    public void A_name_registered_twice_is_refused_so_a_built_in_is_not_replaced_silently()
    {
        var kinds = new Registry<string>("step kind").Add("wait", "built-in");

        Assert.Throws<RegistrationException>(() => kinds.Add("Wait", "extension"));
        Assert.That(kinds.Get("wait"), Is.EqualTo("built-in"));
    }
}
