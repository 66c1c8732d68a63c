using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Qingyun.Resources;

/// <summary>
/// Anchor type for the shared string table. SharedResource.resx is Simplified Chinese, the neutral
/// language every other culture falls back to; SharedResource.en.resx is English.
/// </summary>
public sealed class SharedResource;
