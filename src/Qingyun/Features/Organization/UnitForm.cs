using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Organization;
using Qingyun.Resources;

namespace Qingyun.Features.Organization;

/// <summary>What the shared name/kind/body-type fields need to render, with their errors.</summary>
public sealed record UnitForm(string? Name, UnitKind Kind, LeagueBodyType BodyType, ModelStateDictionary State, IStringLocalizer<SharedResource> T)
{
    public string? ErrorFor(string field) =>
        State.TryGetValue("Input." + field, out var e) ? string.Join("；", e.Errors.Select(x => x.ErrorMessage)) : null;
}
