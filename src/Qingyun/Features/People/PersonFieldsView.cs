using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Qingyun.Features.Organization;
using Qingyun.Resources;

namespace Qingyun.Features.People;

public sealed record PersonFieldsView(PersonForm Form, IReadOnlyList<UnitRow> Units, string? MaskedIdNumber, string? MaskedPhone,
    ModelStateDictionary State, IStringLocalizer<SharedResource> T);
