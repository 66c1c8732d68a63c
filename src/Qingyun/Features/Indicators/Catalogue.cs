using Qingyun.Domain.Indicators;

namespace Qingyun.Features.Indicators;

/// <summary>How an indicator's cells add up over time.</summary>
public enum IndicatorShape
{
    /// <summary>Things that happen (新发展团员, 服务时长): one cell per month, a year is the sum.</summary>
    Flow = 1,
    /// <summary>Distinct people over a year (服务志愿者人数): one cell per year, never the sum of months or of subunits.</summary>
    Persons = 2,
    /// <summary>What there is now (团员人数): one current cell, frozen into the year when the year ends.</summary>
    Stock = 3,
    /// <summary>Hand-reported with evidence: approved values, one cell per year.</summary>
    Reported = 4,
}

/// <summary>How a value is shown: a count, or minutes shown as hours.</summary>
public enum IndicatorMeasure
{
    Count = 1,
    Minutes = 2,
    Number = 3,
}

/// <summary>An indicator of the catalogue. Names and units come from the resources ("Indicator.{Code}").</summary>
public sealed record Indicator(string Code, SummarySection Section, IndicatorShape Shape, IndicatorMeasure Measure = IndicatorMeasure.Count,
    bool ByCategory = false, string? Name = null, string? MeasureName = null)
{
    public bool IsReported => Shape == IndicatorShape.Reported;

    /// <summary>The value shown to people: hours with one decimal for minutes, the number otherwise.</summary>
    public decimal Display(decimal value) => Measure == IndicatorMeasure.Minutes ? Math.Round(value / 60m, 1, MidpointRounding.AwayFromZero) : value;

    /// <summary>A target typed by people (hours) in the unit the cells are kept in (minutes).</summary>
    public decimal Stored(decimal shown) => Measure == IndicatorMeasure.Minutes ? shown * 60m : shown;
}

/// <summary>
/// The computed indicators (decision 014). Each is counted in exactly one place, <see cref="OwnFigures"/>,
/// from the records; reported indicators are added per unit by <see cref="ReportedIndicator"/>.
/// </summary>
public static class Catalogue
{
    public const string MembersRegistered = "members.registered";
    public const string MembersNew = "members.new";
    public const string CadresInPost = "cadres.inpost";
    public const string Recommended = "members.recommended";
    public const string VolunteersRegistered = "volunteers.registered";
    public const string ServiceHours = "service.hours";
    public const string ServicePersonTimes = "service.persontimes";
    public const string ServiceVolunteers = "service.volunteers";
    public const string ServiceActivities = "service.activities";
    public const string YouthActivities = "youth.activities";
    public const string YouthPersonTimes = "youth.persontimes";
    public const string YouthPersons = "youth.persons";
    public const string MenuServices = "youth.menu";
    public const string Beneficiaries = "assist.beneficiaries";
    public const string Visits = "assist.visits";
    public const string VisitsPlanned = "assist.planned";
    public const string OrganizationsBuilt = "building.built";
    public const string BuildingMembers = "building.members";
    public const string OrganizationsWithLeague = "building.total";
    public const string SocialOrgs = "socialorgs.approved";
    public const string DirectBound = "direct.bound";
    public const string DirectContacts = "direct.contacts";

    public static readonly IReadOnlyList<Indicator> Computed =
    [
        new(MembersRegistered, SummarySection.Organization, IndicatorShape.Stock),
        new(MembersNew, SummarySection.Organization, IndicatorShape.Flow),
        new(CadresInPost, SummarySection.Organization, IndicatorShape.Stock),
        new(Recommended, SummarySection.Organization, IndicatorShape.Flow),
        new(YouthActivities, SummarySection.Ideology, IndicatorShape.Flow, ByCategory: true),
        new(YouthPersonTimes, SummarySection.Ideology, IndicatorShape.Flow, ByCategory: true),
        new(YouthPersons, SummarySection.Ideology, IndicatorShape.Persons),
        new(MenuServices, SummarySection.Hubs, IndicatorShape.Flow),
        new(VolunteersRegistered, SummarySection.Volunteer, IndicatorShape.Stock),
        new(ServiceActivities, SummarySection.Volunteer, IndicatorShape.Flow),
        new(ServiceHours, SummarySection.Volunteer, IndicatorShape.Flow, IndicatorMeasure.Minutes),
        new(ServicePersonTimes, SummarySection.Volunteer, IndicatorShape.Flow),
        new(ServiceVolunteers, SummarySection.Volunteer, IndicatorShape.Persons),
        new(Beneficiaries, SummarySection.Assistance, IndicatorShape.Persons),
        new(Visits, SummarySection.Assistance, IndicatorShape.Flow),
        new(VisitsPlanned, SummarySection.Assistance, IndicatorShape.Flow),
        new(OrganizationsBuilt, SummarySection.NonPublic, IndicatorShape.Flow),
        new(BuildingMembers, SummarySection.NonPublic, IndicatorShape.Flow),
        new(OrganizationsWithLeague, SummarySection.NonPublic, IndicatorShape.Stock),
        new(SocialOrgs, SummarySection.NonPublic, IndicatorShape.Stock),
        new(DirectBound, SummarySection.Direct, IndicatorShape.Stock),
        new(DirectContacts, SummarySection.Direct, IndicatorShape.Flow),
    ];

    private static readonly Dictionary<string, Indicator> ByCode = Computed.ToDictionary(i => i.Code);

    public static Indicator? Find(string code) => ByCode.GetValueOrDefault(code);

    public static bool IsStock(string code) => ByCode.TryGetValue(code, out var i) && i.Shape == IndicatorShape.Stock;

    public static Indicator For(ReportedIndicator r) =>
        new(r.Code, r.Section, IndicatorShape.Reported, IndicatorMeasure.Number, Name: r.Name, MeasureName: r.Measure);
}
