using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Qingyun.Tests.Unit;

/// <summary>Every string a user sees exists in Chinese and English, and every key the code names exists.</summary>
public sealed partial class ResourcesTests
{
    private static readonly string Src = Path.Combine(RepoRoot(), "src", "Qingyun");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qingyun.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Src, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void ChineseAndEnglishHaveTheSameKeys()
    {
        var zh = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void EveryLiteralKeyUsedInCodeAndPagesExists()
    {
        var zh = Read("SharedResource.resx");
        var files = Directory.EnumerateFiles(Src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal));
        var missing = files.SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.') && !zh.ContainsKey(k)).Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing strings: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFailureNamesAFieldAndARuleThatExist()
    {
        var zh = Read("SharedResource.resx");
        var files = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal));
        var used = files.SelectMany(f => FailureUse().Matches(File.ReadAllText(f)))
            .SelectMany(m => new[] { "Field." + m.Groups[1].Value, "Error." + m.Groups[2].Value }).Distinct();
        var missing = used.Where(k => !zh.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing strings: " + string.Join(", ", missing));
    }

    [GeneratedRegex("""\bT\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex("""new Failure\("([A-Za-z]+)", "([A-Za-z]+)"[,)]""")]
    private static partial Regex FailureUse();
}
