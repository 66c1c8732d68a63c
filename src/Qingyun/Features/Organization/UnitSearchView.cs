namespace Qingyun.Features.Organization;

/// <summary>The search box above a unit picker; Keep carries the page's other query values.</summary>
public sealed record UnitSearchView(string? Text, string Placeholder, string Button, IReadOnlyList<(string Name, string Value)> Keep);
