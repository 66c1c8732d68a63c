namespace Qingyun.Resources;

/// <summary>Anchor type for the shared string table: SharedResource.zh-CN.resx and SharedResource.en.resx.</summary>
public sealed class SharedResource;
