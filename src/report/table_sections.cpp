// The table sections: readmissions 65+ by sex (seed 000), per-municipality tables, the
// programme before/after, and the data section.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <optional>
#include <set>

#include "goals/number_format.hpp"
#include "goals/period_label.hpp"
#include "indicators/catalog.hpp"
#include "report/html.hpp"
#include "report/sections.hpp"

namespace nara::report::internal {
namespace {

struct Column {
  const char* indicator;
  const char* sv;
  const char* en;
  int decimals;
};

std::string RegionUnit(const ReportInput& in) { return in.extract->manifest.county; }

// The value of the residents of every other county together ("Övriga kommuner"), from the
// other counties' rows of the table: numerators and denominators added, so a share or a mean is
// the share or mean of them all. Suppressed when any of those rows is (the sum could reveal it);
// nullopt when no other county has a row.
std::optional<goals::Observation> OutsideCounty(const ReportInput& in, const std::string& indicator,
                                                const std::string& period) {
  std::set<std::string> counties;
  for (const auto& m : in.extract->municipalities) {
    if (m.county != RegionUnit(in)) counties.insert(m.county);
  }
  std::optional<goals::Observation> sum;
  for (const auto& county : counties) {
    const goals::Observation* o =
        in.values->Find({indicator, "county", county, "all", "all"}, period);
    if (o == nullptr) continue;
    if (!sum) {
      sum.emplace();
      sum->kind = o->kind;
      sum->numerator = 0;
      if (o->denominator) sum->denominator = 0;
    }
    if (o->suppressed || !o->numerator) {
      sum->suppressed = true;
      continue;
    }
    *sum->numerator += *o->numerator;
    if (sum->denominator && o->denominator) *sum->denominator += *o->denominator;
  }
  if (!sum || sum->suppressed) return sum;
  const double numerator = static_cast<double>(*sum->numerator);
  const double denominator = sum->denominator ? static_cast<double>(*sum->denominator) : 0;
  switch (sum->kind) {
    case goals::ValueKind::kShare:
      sum->value = denominator > 0 ? goals::RoundToTable(100.0 * numerator / denominator) : 0;
      break;
    case goals::ValueKind::kRate:
      sum->value =
          denominator > 0 ? goals::RoundToTable(100000.0 * numerator / denominator) : 0;
      break;
    case goals::ValueKind::kMean:
      sum->value = denominator > 0 ? goals::RoundToTable(numerator / denominator) : 0;
      break;
    case goals::ValueKind::kCount:
    case goals::ValueKind::kUnknown:
      sum->value = numerator;
      break;
  }
  if (sum->kind != goals::ValueKind::kCount && denominator <= 0) return std::nullopt;
  return sum;
}

// One table of indicators (columns) per municipality of the region's county (rows) for the
// report period, then the residents of other counties together ("Övriga kommuner"), then the
// region as the last row.
void MunicipalityTable(const ReportInput& in, const std::string& id, const char* heading_sv,
                       const char* heading_en, const std::vector<Column>& columns,
                       std::string& out) {
  const bool sv = in.swedish;
  const std::string period = in.period.Label();
  std::map<std::string, std::string> county_of;
  for (const auto& m : in.extract->municipalities) county_of[m.code] = m.county;
  std::set<std::string> units;  // the county's own municipalities
  bool outside = false;         // residents of other counties have rows
  for (const Column& c : columns) {
    for (const auto& unit : in.values->Units(c.indicator, "municipality", period)) {
      const auto county = county_of.find(unit);
      if (county != county_of.end() && county->second != RegionUnit(in)) {
        outside = true;
      } else {
        units.insert(unit);
      }
    }
  }
  out += fmt::format("<h3>{}</h3>\n", Tr(sv, heading_sv, heading_en));
  if (units.empty()) {
    out += fmt::format("<p class=\"missing\">{}</p>\n",
                       Tr(sv, "Inga värden för perioden i indikatortabellen.",
                          "No values for the period in the indicator table."));
    return;
  }
  std::map<std::string, std::string> names;
  for (const auto& m : in.extract->municipalities) names[m.code] = m.name;
  // The years of the period with liable days but no price (liable_amount has no row there).
  std::vector<int> no_price_years;
  if (in.table != nullptr) {
    for (int year : in.table->missing_price_years) {
      if (year >= YearOfMonth(in.period.first_month) && year <= YearOfMonth(in.period.last_month)) {
        no_price_years.push_back(year);
      }
    }
  }
  const std::string no_price = fmt::format("{}", fmt::join(no_price_years, ", "));
  out +=
      fmt::format("<table id=\"{}\"><thead><tr><th>{}</th>", id, Tr(sv, "Kommun", "Municipality"));
  for (const Column& c : columns)
    out += fmt::format("<th class=\"num\">{}</th>", Tr(sv, c.sv, c.en));
  out += "</tr></thead><tbody>\n";
  // A cell; an amount in a year without a price says so (never 0 kr, never a bare dash).
  auto cell = [&](const Column& c, const goals::Observation* value, const std::string& unit) {
    if (value == nullptr && std::string(c.indicator) == "liable_amount" && !no_price.empty()) {
      return fmt::format(
          "<td class=\"num missing\" data-indicator=\"liable_amount\" data-unit=\"{}\" "
          "data-period=\"{}\" data-price-missing=\"{}\">{}</td>",
          Escape(unit), Escape(period), no_price,
          goals::Localised(sv, "pris saknas för {}", "no price for {}", no_price));
    }
    return ValueCell(value, c.indicator, unit, period, sv, c.decimals);
  };
  auto row = [&](const std::string& unit_type, const std::string& unit, const std::string& name) {
    out += fmt::format("<tr data-unit-type=\"{}\"><td>{}</td>", unit_type, Escape(name));
    for (const Column& c : columns) {
      const goals::SeriesKey key{c.indicator, unit_type, unit, "all", "all"};
      out += cell(c, in.values->Find(key, period), unit);
    }
    out += "</tr>\n";
  };
  for (const auto& unit : units) {
    auto name = names.find(unit);
    row("municipality", unit, (name == names.end() ? unit : name->second) + " (" + unit + ")");
  }
  if (outside) {
    out += fmt::format("<tr data-unit-type=\"outside_county\"><td>{}</td>",
                       Tr(sv, "Övriga kommuner (andra län)", "Other municipalities (other counties)"));
    for (const Column& c : columns) {
      const auto sum = OutsideCounty(in, c.indicator, period);
      out += cell(c, sum ? &*sum : nullptr, "outside_county");
    }
    out += "</tr>\n";
  }
  row("region", RegionUnit(in), Tr(sv, "Hela regionen", "Whole region"));
  out += "</tbody></table>\n";
}

std::string Number(double value, int decimals, bool sv) {
  return goals::FormatNumber(goals::RoundToTable(value), decimals, sv);
}

void MeasureRow(const char* name, const goals::MeasureSummary& m, bool sv, std::string& out) {
  out += fmt::format(
      "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{} – {}</td></tr>\n",
      name, m.total_before, m.total_after, Number(m.mean_before, 2, sv),
      Number(m.mean_after, 2, sv), Number(m.mean_difference, 2, sv),
      Number(m.difference_interval.low, 2, sv), Number(m.difference_interval.high, 2, sv));
}

}  // namespace

void ReadmissionBySexSection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  const std::string indicator = "readmission_30d_65plus";
  out += fmt::format("<section id=\"readmissions-by-sex\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                     Tr(sv, "Återinskrivningar inom 30 dagar, 65 år och äldre",
                        "Readmissions within 30 days, aged 65 and over"),
                     Tr(sv,
                        "Andel (%) oplanerade återinskrivningar inom 30 dagar efter ett "
                        "vårdtillfälle, samma period varje år.",
                        "Share (%) of unplanned readmissions within 30 days of a discharge, the "
                        "same period each year."));
  const int first_year = CivilFromDays(in.extract->manifest.coverage_from).year;
  std::vector<Period> periods;
  for (int year = first_year; year <= YearOfMonth(in.period.last_month); ++year) {
    periods.push_back(goals::ShiftYears(in.period, year - YearOfMonth(in.period.last_month)));
  }
  // The base year and national value from a goal on this indicator, when the file gives them.
  const goals::Assessment* goal = nullptr;
  // The first goal on this indicator for the whole region and period that has a base or a
  // national value.
  for (const auto& a : in.assessments) {
    if (a.series.indicator == indicator && a.series.unit_type == "region" &&
        a.series.sex == "all" && a.series.age_group == "all" && a.period == in.period &&
        (a.base || a.national) && goal == nullptr) {
      goal = &a;
    }
  }
  const bool base_column = goal != nullptr && goal->base && !goal->base->suppressed;
  const bool national_column = goal != nullptr && goal->national.has_value();
  out += "<table id=\"readmission-sex-table\"><thead><tr><th></th>";
  if (base_column) {
    out += fmt::format("<th class=\"num\">{} ({})</th>", Escape(goal->base_period),
                       Tr(sv, "basår", "base year"));
  }
  for (const auto& p : periods) out += fmt::format("<th class=\"num\">{} (%)</th>", p.Label());
  if (national_column) out += fmt::format("<th class=\"num\">{}</th>", Tr(sv, "Riket", "Nation"));
  out += "</tr></thead><tbody>\n";
  for (auto [sex, name] :
       {std::pair{"M", Tr(sv, "Män", "Men")}, std::pair{"F", Tr(sv, "Kvinnor", "Women")},
        std::pair{"all", Tr(sv, "Totalt", "Total")}}) {
    out += fmt::format("<tr data-sex=\"{}\"><td>{}</td>", sex, name);
    if (base_column) {
      const goals::SeriesKey base_key{indicator, "region", RegionUnit(in), sex, "all"};
      const goals::Observation* table_base = in.values->Find(base_key, goal->base_period);
      const bool total = std::string(sex) == "all";
      out += ValueCell(table_base != nullptr ? table_base
                       : total               ? &*goal->base
                                             : nullptr,
                       indicator, RegionUnit(in), goal->base_period, sv);
    }
    for (const auto& p : periods) {
      const goals::SeriesKey all_ages{indicator, "region", RegionUnit(in), sex, "all"};
      out +=
          ValueCell(in.values->Find(all_ages, p.Label()), indicator, RegionUnit(in), p.Label(), sv);
    }
    if (national_column) {
      const std::string& source = goal->goal->national_source;
      out += std::string(sex) == "all"
                 ? fmt::format("<td class=\"num national\"{}>{}</td>",
                               source.empty() ? ""
                                              : fmt::format(" data-source=\"{}\" title=\"{}\"",
                                                            Escape(source), Escape(source)),
                               Number(*goal->national, 1, sv))
                 : "<td class=\"num\">–</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></section>\n";
}

void MunicipalitySections(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  out += fmt::format("<section id=\"municipalities\"><h2>{} – {}</h2>\n",
                     Tr(sv, "Per kommun", "Per municipality"),
                     Escape(goals::PeriodDisplayName(in.period, sv)));
  MunicipalityTable(in, "ready-days", "Utskrivningsklara", "Discharge-ready patients",
                    {{"ready_days_mean_somatic", "Medel utskrivningsklara dagar, somatik",
                      "Mean ready days, somatic", 1},
                     {"ready_days_mean_psychiatric", "Medel utskrivningsklara dagar, psykiatri",
                      "Mean ready days, psychiatric", 1},
                     {"ready_days_total", "Utskrivningsklara dagar totalt", "Ready days total", 0},
                     {"discharged_day01_share", "Hem dag 0+1 (%)", "Home day 0+1 (%)", 1}},
                    out);
  MunicipalityTable(in, "coordination", "Samordning vid utskrivning (andel %)",
                    "Coordination at discharge (share %)",
                    {{"admission_notice_24h_share", "Inskrivningsmeddelande inom 24 h",
                      "Admission notice within 24 h", 1},
                     {"fixed_care_contact_share", "Fast vårdkontakt", "Fixed care contact", 1},
                     {"discharge_plan_share", "Utskrivningsplan", "Discharge plan", 1},
                     {"sip_share", "SIP hållen", "SIP held", 1},
                     {"sip_followup_share", "SIP uppföljd", "SIP followed up", 1}},
                    out);
  // Settlement rows join the catalogue with the settlement module; until then say so.
  if (indicators::FindIndicator("liable_days") && indicators::FindIndicator("liable_amount")) {
    MunicipalityTable(in, "settlement", "Betalningsansvar", "Payment liability",
                      {{"liable_days", "Dagar med betalningsansvar", "Liable days", 0},
                       {"liable_amount", "Belopp (kr)", "Amount (SEK)", 0}},
                      out);
  } else {
    out += fmt::format("<h3>{}</h3>\n<p class=\"missing\" id=\"settlement-missing\">{}</p>\n",
                       Tr(sv, "Betalningsansvar", "Payment liability"),
                       Tr(sv, "Betalningsansvar: ej beräknat i denna körning.",
                          "Payment liability: not computed in this run."));
  }
  out += "</section>\n";
}

void CohortSection(const ReportInput& in, std::string& out) {
  if (in.cohorts.empty()) return;
  const bool sv = in.swedish;
  out += fmt::format("<section id=\"programmes\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                     Tr(sv, "Program: före och efter inskrivning",
                        "Programmes: before and after "
                        "enrolment"),
                     Tr(sv,
                        "Akutbesök och akuta inskrivningar under lika långa fönster före och "
                        "efter inskrivningen. Patienter skrivs ofta in när de mår som sämst, så "
                        "en enkel före/efter-jämförelse överdriver effekten (regression mot "
                        "medelvärdet); jämförelsegruppen av matchade icke inskrivna patienter "
                        "och skillnaden i skillnader visar hur mycket som återstår.",
                        "Emergency visits and acute admissions in equal windows before and after "
                        "enrolment. Patients are often enrolled at their worst, so a naive "
                        "before/after overstates the effect (regression to the mean); the matched "
                        "comparison group and the difference in differences show what remains."));
  for (const auto& c : in.cohorts) {
    out += fmt::format(
        "<h3>{}</h3>\n<p>{}</p>\n", Escape(c.programme),
        goals::Localised(sv,
                         "{} patienter inskrivna; {} med båda fönstren ({} dagar) "
                         "inom uttaget; {} matchade mot en jämförelsepatient.",
                         "{} patients enrolled; {} with both windows ({} days) "
                         "inside the extract; {} matched to a comparison patient.",
                         c.enrolled, c.members.size(), c.window_days, c.did_emergency.pairs));
    const std::string head = fmt::format(
        "<thead><tr><th></th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th></tr></thead><tbody>\n",
        Tr(sv, "Före", "Before"), Tr(sv, "Efter", "After"), Tr(sv, "Medel före", "Mean before"),
        Tr(sv, "Medel efter", "Mean after"),
        Tr(sv, "Skillnad per patient", "Difference per patient"), Tr(sv, "95 % KI", "95 % CI"));
    out += "<table class=\"cohort\">" + head;
    MeasureRow(Tr(sv, "Akutbesök, inskrivna", "Emergency visits, enrolled"), c.emergency, sv, out);
    MeasureRow(Tr(sv, "Akuta inskrivningar, inskrivna", "Acute admissions, enrolled"), c.admissions,
               sv, out);
    MeasureRow(Tr(sv, "Akutbesök, jämförelsegrupp", "Emergency visits, comparison group"),
               c.control_emergency, sv, out);
    MeasureRow(Tr(sv, "Akuta inskrivningar, jämförelsegrupp", "Acute admissions, comparison group"),
               c.control_admissions, sv, out);
    out += "</tbody></table>\n";
    out += fmt::format(
        "<p>{}</p>\n",
        goals::Localised(
            sv,
            "Skillnad i skillnader per patient (inskrivna minus jämförelsegrupp): "
            "akutbesök {} (95 % KI {} – {}), akuta inskrivningar {} (95 % KI {} – {}).",
            "Difference in differences per patient (enrolled minus comparison): "
            "emergency visits {} (95 % CI {} – {}), acute admissions {} (95 % CI {} "
            "– {}).",
            Number(c.did_emergency.estimate, 2, sv), Number(c.did_emergency.interval.low, 2, sv),
            Number(c.did_emergency.interval.high, 2, sv), Number(c.did_admissions.estimate, 2, sv),
            Number(c.did_admissions.interval.low, 2, sv),
            Number(c.did_admissions.interval.high, 2, sv)));
  }
  out += "</section>\n";
}

void DataSection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  const auto& m = in.extract->manifest;
  const DataSummary& d = in.data;
  out += fmt::format("<section id=\"data\"><h2>{}</h2>\n<table id=\"data-table\"><tbody>\n",
                     Tr(sv, "Dataunderlag", "Data"));
  auto row = [&](const char* name, const std::string& value) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", name, Escape(value));
  };
  row(Tr(sv, "Uttag", "Extract"), d.extract_dir);
  row(Tr(sv, "Region", "Region"), m.region + " (" + m.county + ")");
  row(Tr(sv, "Täckning", "Coverage"),
      FormatDate(m.coverage_from) + " – " + FormatDate(m.coverage_to));
  if (m.created != kNoDateTime)
    row(Tr(sv, "Uttaget skapat", "Extract created"), FormatDateTime(m.created));
  for (const auto& t : d.tables) {
    if (!t.present) continue;
    row(t.file.c_str(), goals::Localised(sv, "{} rader lästa, {} använda", "{} rows read, {} used",
                                         t.read, t.used));
  }
  row(Tr(sv, "Avvisade rader", "Rejected rows"),
      goals::Localised(sv, "{} (listan finns i inläsningsrapporten, rejects.csv)",
                       "{} (listed in the ingest report, rejects.csv)", d.rows_rejected));
  row(Tr(sv, "Inställningar", "Settings"),
      d.config_source == "(defaults)"
          ? std::string(Tr(sv, "standardinställningar (lagens regler, ingen nara.toml)",
                           "the defaults (the law's rules, no nara.toml)"))
          : d.config_source);
  row(Tr(sv, "Målfil", "Goals file"), d.goals_source.empty() ? "–" : d.goals_source);
  row(Tr(sv, "Manuella värden", "Manual values"),
      d.manual_source.empty()
          ? "–"
          : fmt::format("{} ({} {})", d.manual_source, d.manual_rows, Tr(sv, "rader", "rows")));
  if (!d.national_source.empty()) {
    row(Tr(sv, "Nationella värden", "National values"),
        goals::Localised(sv, "{} (Kolada-format, {} värden)", "{} (Kolada shape, {} values)",
                         d.national_source, d.national_values));
  }
  row(Tr(sv, "Röjandeskydd", "Suppression"),
      d.suppression_min_count > 0
          ? goals::Localised(sv,
                             "celler med färre än {} fall, och celler som skulle avslöja dem, "
                             "visas som *",
                             "cells with fewer than {} cases, and cells that would reveal them, "
                             "are shown as *",
                             d.suppression_min_count)
          : std::string(Tr(sv, "av: intern rapport, får inte publiceras",
                           "off: an internal report, not for publication")));
  row(Tr(sv, "Definitioner", "Definitions"),
      goals::Localised(sv, "Nära {}: varje indikator beskrivs i Näras dokumentation (docs/indicators)",
                       "Nära {}: each indicator is described in Nära's documentation "
                       "(docs/indicators)",
                       d.version));
  out += "</tbody></table>\n";
  if (!in.table->NotesIn(sv).empty()) {
    out += fmt::format("<h3>{}</h3>\n<ul class=\"note\">\n", Tr(sv, "Anmärkningar", "Notes"));
    for (const auto& note : in.table->NotesIn(sv)) out += "<li>" + Escape(note) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace nara::report::internal
