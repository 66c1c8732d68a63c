using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Cadres;
using Qingyun.Resources;

namespace Qingyun.Features.Cadres;

/// <summary>The term fields of the appoint and hand-over forms; a hand-over keeps the post, so it shows none.</summary>
public sealed record TermFieldsView(CadrePost? Post, CadreKind Kind, string StartName, DateOnly? StartedOn, DateOnly? PlannedEndOn, string? Note,
    ModelStateDictionary State, IStringLocalizer<SharedResource> T);
