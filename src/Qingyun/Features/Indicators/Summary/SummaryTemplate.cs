using Qingyun.Domain.Indicators;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>
/// The first draft of an annual work summary (年度工作总结) in the shape of seed 001: a paragraph per part, in the
/// register of a League committee's report, with every number left as a link <c>{{code}}</c> to an indicator of the
/// catalogue, and <c>{{unit}}</c> / <c>{{year}}</c> for the unit's name and the year. The numbers are filled in each
/// time the summary is shown or exported (<see cref="SummaryText"/>), so regenerating never freezes a figure.
/// Every computed indicator appears somewhere; "明年工作打算" is prose only.
/// </summary>
public static class SummaryTemplate
{
    public const string UnitToken = "unit";
    public const string YearToken = "year";

    /// <summary>The parts in the order of seed 001's report, with their Chinese headings (the document is Chinese whatever the reader's language).</summary>
    public static readonly IReadOnlyList<SummarySection> Sections = Enum.GetValues<SummarySection>();

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static string Heading(SummarySection section) => Numerals[Sections.ToList().IndexOf(section)] + "、" + Name(section);

    public static string Name(SummarySection section) => section switch
    {
        SummarySection.Organization => "加强组织建设，壮大团员队伍",
        SummarySection.Ideology => "强化思想引领，开展主题教育",
        SummarySection.Volunteer => "深化志愿服务，传递文明新风",
        SummarySection.Assistance => "做好帮扶关爱，温暖困难青少年",
        SummarySection.Hubs => "依托青年汇阵地，丰富青年生活",
        SummarySection.NonPublic => "推进非公和社会组织团建",
        SummarySection.Direct => "落实“1+100”，直接联系青年",
        SummarySection.Plan => "明年工作打算",
        _ => section.ToString(),
    };

    private static string T(string code) => "{{" + code + "}}";

    /// <summary>The draft prose of one part, tokens in place of numbers.</summary>
    public static string Draft(SummarySection section) => section switch
    {
        SummarySection.Organization =>
            $"{T(YearToken)}年，{T(UnitToken)}在上级团组织的正确领导下，紧密围绕中心工作，大力加强团的组织建设和思想建设，提升了团组织的凝聚力、影响力。" +
            $"截至目前，{T(UnitToken)}共有团员{T(Catalogue.MembersRegistered)}名，在岗团干部{T(Catalogue.CadresInPost)}名。" +
            $"本年度新发展团员{T(Catalogue.MembersNew)}名，推荐优秀团员作为党的发展对象{T(Catalogue.Recommended)}名。" +
            "通过更新团员名录和联系方式、召开团干大会、建立工作群等方式，加强与基层团干的日常交流，及时发布和反馈工作信息，凝聚组织力量，提高组织意识。",
        SummarySection.Ideology =>
            "强化思想引领，以学习宣传贯彻党的创新理论为主线，重点把握重要时间节点，大力开展主题教育活动，引导青年坚定理想信念。" +
            $"本年度共开展青年活动{T(Catalogue.YouthActivities)}次，总参加人数{T(Catalogue.YouthPersonTimes)}人次，覆盖青年{T(Catalogue.YouthPersons)}人，" +
            "包括主题宣讲、安全教育、创业就业、科技创新、文体交流等多方面的内容，切实增强团员青年的先进性和光荣感，自觉发挥团员先锋模范作用。",
        SummarySection.Volunteer =>
            "传递“奉献、友爱、互助、进步”的志愿服务理念，推动参与志愿服务常态化。" +
            $"截至目前，{T(UnitToken)}共有注册志愿者{T(Catalogue.VolunteersRegistered)}名。" +
            $"本年度共组织志愿服务活动{T(Catalogue.ServiceActivities)}次，{T(Catalogue.ServiceVolunteers)}名志愿者参与服务{T(Catalogue.ServicePersonTimes)}人次，" +
            $"累计服务时长{T(Catalogue.ServiceHours)}，包括关爱空巢老人、宣传绿色出行、防艾禁毒等多方面的活动，为居民提供了高质量全方位的志愿服务。",
        SummarySection.Assistance =>
            "加强与辖区困难青少年的沟通联系，通过电话询问、面对面沟通征集帮扶对象需求，制定适合的帮扶方案，充分利用自身及周围资源，尽可能做到解困救助。" +
            $"本年度共结对帮扶青少年{T(Catalogue.Beneficiaries)}名，按服务计划应走访{T(Catalogue.VisitsPlanned)}次，实际走访帮扶{T(Catalogue.Visits)}次，" +
            "内容包括学业资助、学习培训和丰富文化生活等。",
        SummarySection.Hubs =>
            "以青年汇等阵地为载体，综合统筹协调，合理分配资源，围绕青年需求开展不同主题的各项活动。" +
            $"本年度通过“服务菜单”为青年提供服务{T(Catalogue.MenuServices)}次，丰富了青年的文化生活，搭建了相互交流合作的平台，得到广大青年的好评。",
        SummarySection.NonPublic =>
            "坚持党建带团建，在已经建成党组织的非公企业和社会组织中，整理、挑选、吸收符合条件的单位建团，并对迁址或注销的单位及时更新名录。" +
            $"本年度指导{T(Catalogue.OrganizationsBuilt)}家非公企业和社会组织完成建团工作，新增团员{T(Catalogue.BuildingMembers)}名；" +
            $"截至目前，已建团的非公企业和社会组织共{T(Catalogue.OrganizationsWithLeague)}家，经审核登记的青年社会组织{T(Catalogue.SocialOrgs)}家。",
        SummarySection.Direct =>
            "按照团中央关于做好“1+100”团干部直接联系青年工作的要求，建立常态化工作机制，广泛联系青年开展青年面对面、团支部开放日、青年志愿者等活动。" +
            $"截至目前，团干部共直接联系青年{T(Catalogue.DirectBound)}名；本年度与青年线上、线下联系互动{T(Catalogue.DirectContacts)}人次，及时了解青年所思所想所盼。",
        SummarySection.Plan =>
            "一是加强联系协作，积极主动与工会、妇联等组织加强联系，增加合作机会，共同开展适合青年的活动，提高团组织的凝聚力。\n" +
            "二是建立每一季度一个主题活动的模式，结合重要时间节点，加大困难青少年精准帮扶力度，为青少年提供丰富的活动。\n" +
            "三是注重基层团建工作，开展主题团日活动，加强思想道德建设，提高团员理论水平，坚定理想信念，发挥后备军作用。\n" +
            "四是积极发挥青年汇等阵地力量，加强统筹，督促开展更多适应本地区实际的活动，抓好志愿服务工作。\n" +
            "五是继续做好团委的其他日常工作。",
        _ => "",
    };

    /// <summary>
    /// The draft of one part with a sentence for each hand-reported indicator of that part (name, number, measure),
    /// so a figure the unit reports by hand is in the summary too.
    /// </summary>
    public static string Draft(SummarySection section, IEnumerable<Indicator> catalogue)
    {
        var text = Draft(section);
        if (section == SummarySection.Plan)
        {
            return text;
        }
        var reported = catalogue.Where(i => i.IsReported && i.Section == section).ToList();
        if (reported.Count > 0)
        {
            text += "此外，" + string.Join("，", reported.Select(i => $"{i.Name}{T(i.Code)}{i.MeasureName}")) + "。";
        }
        return text;
    }

    public static Dictionary<string, string> DraftAll(IEnumerable<Indicator> catalogue)
    {
        var list = catalogue.ToList();
        return Sections.ToDictionary(s => s.ToString(), s => Draft(s, list));
    }
}
