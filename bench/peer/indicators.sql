-- The indicator table of data contract §4.1 in DuckDB SQL, written from
-- docs/indicators/definitions.md §1-7 and docs/indicators/README.md (the decisions the definitions leave open).
-- indicators.mjs defines the raw views (raw_episodes, raw_coordination, raw_contacts, raw_waits,
-- raw_population, raw_municipalities, raw_acsc: text columns read straight from the CSV files,
-- absent files and columns as empty; each view is read once),
-- replaces the ${...} parameters with checked literals and runs these statements in order.
-- Statements are separated by a semicolon at the end of a line.

-- ---------------------------------------------------------------- helpers
create macro month_of(d) as year(d) * 12 + month(d) - 1;
create macro month_last_day(m) as last_day(make_date(cast(m // 12 as bigint), cast(m % 12 + 1 as bigint), 1));
create macro month_label(m) as printf('%04d-%02d', m // 12, m % 12 + 1);
-- Completed years; a 29 February birthday is reached on 1 March in common years.
create macro age_on(b, d) as
  year(d) - year(b) - case when month(d) * 100 + day(d) < month(b) * 100 + day(b) then 1 else 0 end;
create macro age_group_of(a) as case when a is null or a < 0 then null when a <= 17 then '0-17'
  when a <= 64 then '18-64' when a <= 79 then '65-79' else '80+' end;
create macro norm_sex(s) as case upper(trim(s)) when 'M' then 'M' when '1' then 'M' when 'MAN' then 'M'
  when 'F' then 'F' when 'K' then 'F' when '2' then 'F' when 'KVINNA' then 'F' end;
create macro pnr_digits(p) as replace(replace(trim(p), '-', ''), '+', '');
-- 12-digit personnummer or samordningsnummer YYYYMMDDNNNC: index 10 (0-based) odd = M.
create macro pnr_sex(p) as case when regexp_full_match(pnr_digits(p), '[0-9]{12}') then
  case when cast(substr(pnr_digits(p), 11, 1) as integer) % 2 = 1 then 'M' else 'F' end end;
-- Birth date from the first 8 digits, day - 60 for a samordningsnummer; impossible dates give null.
create macro pnr_birth(p) as case when regexp_full_match(pnr_digits(p), '[0-9]{12}') then
  try_cast(substr(pnr_digits(p), 1, 4) || '-' || substr(pnr_digits(p), 5, 2) || '-' ||
    lpad(cast(cast(substr(pnr_digits(p), 7, 2) as integer) % 60 as varchar), 2, '0') as date) end;
create macro to_ts(x) as try_cast(replace(trim(x), 'T', ' ') as timestamp);
create macro has_time(x) as length(trim(x)) > 10;

-- ---------------------------------------------------------------- periods (§1)
-- kind: 0 month, 1 quarter, 2 tertial, 3 half-year, 4 year, 5 rolling 12 months. Only whole
-- months inside [coverage_from, coverage_to] are used; ord is the output order of periods.
create table periods as
with lim as (
  select month_of(date '${cov_from}') + case when day(date '${cov_from}') = 1 then 0 else 1 end as lo,
         month_of(date '${cov_to}') - case when date '${cov_to}' = last_day(date '${cov_to}') then 0 else 1 end as hi),
mm as (select unnest(range(lo, hi + 1)) as m from lim),
blocks(kind, size) as (values (1, 3), (2, 4), (3, 6), (4, 12)),
raw as (
  select 0 as kind, m as first_m, m as last_m from mm
  union all
  select b.kind, mm.m, mm.m + b.size - 1 from mm, blocks b, lim
  where mm.m % b.size = 0 and mm.m + b.size - 1 <= lim.hi
  union all
  select 5, mm.m - 11, mm.m from mm, lim where mm.m - 11 >= lim.lo)
select cast(row_number() over (order by kind, first_m) as integer) as ord, kind, first_m, last_m,
  case kind
    when 0 then month_label(first_m)
    when 1 then printf('%04d-Q%d', first_m // 12, first_m % 12 // 3 + 1)
    when 2 then printf('%04d-T%d', first_m // 12, first_m % 12 // 4 + 1)
    when 3 then printf('%04d-H%d', first_m // 12, first_m % 12 // 6 + 1)
    when 4 then printf('%04d', first_m // 12)
    else month_label(first_m) || '/' || month_label(last_m) end as label,
  last_m // 12 as yr,
  month_last_day(last_m) + ${window_days} <= date '${cov_to}' as readmission_ok
from raw;

-- Every month of every period; `last` marks the period's last month (the `_waiting` snapshot).
create table period_months as
select ord, m, m = last_m as last from (
  select ord, last_m, unnest(range(first_m, last_m + 1)) as m from periods);

-- ---------------------------------------------------------------- reference tables
create table areas as
select distinct on (trim(code)) trim(code) as code, nullif(trim(area), '') as area
from raw_municipalities where nullif(trim(code), '') is not null;

create table acsc as
select distinct upper(replace(trim(icd10_prefix), '.', '')) as prefix
from raw_acsc where nullif(trim(icd10_prefix), '') is not null;

-- ---------------------------------------------------------------- stays (§1.3)
create table stays as
select trim(episode_id) as episode_id, trim(patient) as patient,
  coalesce(norm_sex(sex), pnr_sex(patient)) as sex,
  coalesce(try_cast(trim(birth_date) as date), pnr_birth(patient)) as birth,
  try_cast(trim(age) as integer) as age_col,
  nullif(left(trim(municipality), 4), '') as municipality,
  nullif(trim(hospital), '') as hospital, nullif(trim(clinic), '') as clinic,
  nullif(trim(health_center), '') as health_center,
  case when lower(trim(care_type)) in ('psychiatric', 'psykiatrisk') then 'psychiatric'
       when lower(trim(care_type)) in ('somatic', 'somatisk') then 'somatic'
       when trim(specialty) like '9%' then 'psychiatric' else 'somatic' end as care_type,
  to_ts(admitted_at) as a_ts, cast(to_ts(admitted_at) as date) as a_date,
  to_ts(discharged_at) as d_ts, cast(to_ts(discharged_at) as date) as d_date,
  coalesce(has_time(discharged_at), false) as d_has_time,
  case when lower(trim(admission_kind)) in ('acute', 'akut', 'oplanerad', '${pvard_unplanned}') then 'acute'
       when lower(trim(admission_kind)) in ('planned', 'planerad', '${pvard_planned}') then 'planned' end as kind,
  case lower(trim(discharged_to)) when '1' then 'other_hospital' when '2' then 'special_housing'
       when '3' then 'home' when '4' then 'deceased' else nullif(lower(trim(discharged_to)), '') end as discharged_to,
  upper(replace(trim(main_diagnosis), '.', '')) as diagnosis
from raw_episodes
where to_ts(admitted_at) is not null;

-- Contacts (§1.5) and waits (§1.6), read once each.
create table contacts as
select trim(patient) as patient, cast(to_ts("at") as date) as d, lower(trim(level)) as level,
  lower(trim(kind)) as kind, nullif(trim(unit), '') as unit,
  coalesce(lower(trim(emergency)) in ('yes', 'ja', 'y', 'j', '1', 'true'), false) as emergency,
  nullif(left(trim(municipality), 4), '') as municipality
from raw_contacts
where cast(to_ts("at") as date) between date '${cov_from}' and date '${cov_to}';

create table waits as
select trim(patient) as patient, lower(trim(step)) as step, try_cast(trim(start) as date) as start_d,
  try_cast(nullif(trim("end"), '') as date) as end_d,
  coalesce(try_cast(nullif(trim(patient_chosen_days), '') as integer), 0) as chosen,
  nullif(left(trim(municipality), 4), '') as municipality, nullif(trim(unit), '') as unit
from raw_waits
where try_cast(trim(start) as date) is not null;

-- Sex and birth date of the patients of contacts and waits, from the identity number.
create table person as
with ids as (select distinct patient from contacts union select distinct patient from waits)
select patient, pnr_sex(patient) as sex, pnr_birth(patient) as birth from ids;

-- "Else the patient's first stay that has them" (admission order): only for patients whose own
-- columns and identity number give nothing (LopNr extracts), so canonical extracts skip the work.
create table stay_person as
select patient,
  arg_min(sex, {'t': a_ts, 'id': episode_id}) filter (where sex is not null) as sex,
  arg_min(birth, {'t': a_ts, 'id': episode_id}) filter (where birth is not null) as birth
from stays
where patient in (select patient from stays where sex is null or birth is null
                  union all select patient from person where sex is null or birth is null)
group by patient;

update stays set sex = coalesce(stays.sex, p.sex), birth = coalesce(stays.birth, p.birth)
from stay_person p where p.patient = stays.patient and (stays.sex is null or stays.birth is null);

update person set sex = coalesce(person.sex, p.sex), birth = coalesce(person.birth, p.birth)
from stay_person p where p.patient = person.patient and (person.sex is null or person.birth is null);

-- ---------------------------------------------------------------- coordination events (§1.4)
-- DuckDB preserves insertion order, so the table's rowid is the file order: the tie-break for
-- equal times.
create table events as
select trim(e.episode_id) as episode_id,
  case lower(trim(e.event))
    when 'inskrivningsmeddelande' then 'admission_notice'
    when 'fast vårdkontakt utsedd' then 'fixed_care_contact'
    when 'underrättelse utskrivningsklar' then 'ready_notice'
    when 'utskrivningsklar återtagen' then 'ready_revoked'
    when 'kallelse till sip' then 'sip_invitation'
    when 'sip upprättad' then 'sip_held'
    when 'uppföljning av sip' then 'sip_followup'
    when 'utskrivningsplan' then 'discharge_plan'
    when 'information överförd' then 'information_sent'
    else lower(trim(e.event)) end as event,
  to_ts(e."at") as ts
from raw_coordination e
where to_ts(e."at") is not null;

-- Ready periods (§4, README "Ready periods"): events of a discharged stay in order of time, ties
-- in file order; a ready_notice after discharge is dropped (rejected at ingest). A notice opens a
-- period unless the previous ready event was a notice (then it is a duplicate); the period ends at
-- the first revocation after it, or at discharge, whichever comes first.
create table ready_periods as
with ev as (
  select e.episode_id, e.rowid as line, e.event, e.ts, s.d_date
  from events e join stays s using (episode_id)
  where s.d_date is not null and e.event in ('ready_notice', 'ready_revoked')
    and not (e.event = 'ready_notice' and
             case when s.d_has_time then e.ts > s.d_ts else cast(e.ts as date) > s.d_date end)),
w as (
  select *, lag(event) over (partition by episode_id order by ts, line) as previous,
    min(case when event = 'ready_revoked' then ts end) over (partition by episode_id order by ts, line
        rows between 1 following and unbounded following) as revoked
  from ev)
select episode_id, ts as notice, line,
  date_diff('day', cast(ts as date), least(coalesce(cast(revoked as date), d_date), d_date)) as days
from w
where event = 'ready_notice' and (previous is null or previous = 'ready_revoked');

create table stay_ready as
select episode_id, sum(days) as total, arg_max(days, {'t': notice, 'l': line}) as last_days
from ready_periods group by episode_id;

create table stay_coordination as
select e.episode_id,
  min(e.ts) filter (where e.event = 'admission_notice') as first_notice,
  bool_or(e.event = 'fixed_care_contact' and
          case when s.d_has_time then e.ts <= s.d_ts else cast(e.ts as date) <= s.d_date end) as fixed,
  bool_or(e.event = 'discharge_plan') as plan,
  bool_or(e.event = 'sip_held') as sip,
  bool_or(e.event = 'sip_followup') as followup
from events e join stays s using (episode_id)
where s.d_date is not null
group by e.episode_id;

-- ---------------------------------------------------------------- records
-- One row per (indicator, month, municipality, hospital, clinic, health centre, sex, age group)
-- with the sums of numerator and denominator (for counts, denominator = number of items).
create table records (ind varchar, m integer, municipality varchar, hospital varchar, clinic varchar,
  health_center varchar, sex varchar, ag varchar, num bigint, den bigint);
-- Rate numerators: (indicator, month, municipality, sex, age group, count).
create table rate_records (ind varchar, m integer, municipality varchar, sex varchar, ag varchar, num bigint);

-- Stays discharged inside coverage, age at the discharge date (§1, §4-6).
create table stay_base as
select s.*, month_of(s.d_date) as m,
  age_group_of(coalesce(age_on(s.birth, s.d_date), s.age_col)) as ag
from stays s
where s.d_date between date '${cov_from}' and date '${cov_to}';

insert into records
with x as (
  select b.m, b.municipality, b.hospital, b.clinic, b.health_center, b.sex, b.ag,
    unnest([
      {'ind': case when b.care_type = 'psychiatric' then 'ready_days_mean_psychiatric' else 'ready_days_mean_somatic' end,
       'num': r.total, 'den': case when r.total is not null then 1 end},
      {'ind': 'ready_days_total', 'num': r.total, 'den': case when r.total is not null then 1 end},
      {'ind': 'discharged_day01_share', 'num': case when r.last_days <= 1 then 1 else 0 end,
       'den': case when r.total is not null then 1 end},
      {'ind': 'admission_notice_24h_share', 'num': case when c.first_notice <= b.a_ts + interval 24 hour then 1 else 0 end,
       'den': case when c.first_notice is not null then 1 end},
      {'ind': 'fixed_care_contact_share', 'num': case when c.fixed then 1 else 0 end,
       'den': case when c.first_notice is not null then 1 end},
      {'ind': 'discharge_plan_share', 'num': case when c.plan then 1 else 0 end,
       'den': case when c.first_notice is not null then 1 end},
      {'ind': 'sip_share', 'num': case when c.sip then 1 else 0 end, 'den': case when c.first_notice is not null then 1 end},
      {'ind': 'sip_followup_share', 'num': case when c.followup then 1 else 0 end,
       'den': case when c.first_notice is not null then 1 end},
      {'ind': 'length_of_stay_mean', 'num': date_diff('day', b.a_date, b.d_date), 'den': 1}]) as x
  from stay_base b
    left join stay_ready r using (episode_id)
    left join stay_coordination c using (episode_id))
select x.ind, m, municipality, hospital, clinic, health_center, sex, ag, sum(x.num), sum(x.den)
from x where x.den is not null
group by all;

insert into rate_records
select 'inpatient_stays_per_100k', m, municipality, sex, ag, count(*)
from stay_base group by all;

insert into rate_records
with lengths as (select distinct length(prefix) as l from acsc),
avoidable as (
  select distinct b.episode_id
  from stay_base b, lengths join acsc a on a.prefix = left(b.diagnosis, lengths.l)
  where b.kind = 'acute')
select 'avoidable_hospitalisation_per_100k', m, municipality, sex, ag, count(*)
from stay_base where episode_id in (select episode_id from avoidable) group by all;

-- Care episodes (§2) of the stays of the readmission care types, in admission order (ties:
-- admission time, then episode_id). A stay joins the current episode when it is admitted on or
-- before the latest discharge date so far, or at most 1 day after it when the stay that gave that
-- discharge (latest date, ties: later in admission order) went to another hospital. An open stay
-- counts as discharged on 9999-12-31: its episode stays open and takes every later stay.
create table care_episodes as
with k as (  -- one sort: position in admission order and the latest discharge among earlier stays
  select *,
    row_number() over w as seq,
    max({'d': dd, 'a': a_ts, 'id': episode_id, 'transfer': discharged_to = 'other_hospital'}) over (w
        rows between unbounded preceding and 1 preceding) as before
  from (select *, coalesce(d_date, date '9999-12-31') as dd from stays
        where care_type in (${readmission_care_types}))
  window w as (partition by patient order by a_ts, episode_id)),
n as (
  select *, sum(case when before is null then 1
                     when a_date <= before.d then 0
                     when before.transfer and a_date <= before.d + 1 then 0
                     else 1 end) over (partition by patient order by seq) as episode
  from k)
select patient, episode,
  arg_min({'admitted': a_date, 'kind': kind, 'municipality': municipality}, seq) as first,
  max(dd) as discharged,
  arg_max({'to': discharged_to, 'hospital': hospital, 'clinic': clinic, 'health_center': health_center,
           'sex': sex, 'birth': birth, 'age': age_col}, {'d': dd, 'seq': seq}) as last
from n group by patient, episode;

-- Readmissions (§3): later episodes of a patient are all admitted after the index discharge (or
-- they would have merged), so the first later acute admission decides.
create table readmission_base as
with i as (
  select *, min(case when first.kind = 'acute' then first.admitted end) over (partition by patient
      order by episode rows between 1 following and unbounded following) as next_acute
  from care_episodes)
select month_of(discharged) as m, first.municipality, last.hospital, last.clinic, last.health_center,
  last.sex, coalesce(age_on(last.birth, discharged), last.age) as age,
  case when date_diff('day', discharged, next_acute) between 1 and ${window_days} then 1 else 0 end as num
from i
where discharged <> date '9999-12-31' and last.to is distinct from 'deceased'
  and discharged between date '${cov_from}' and date '${cov_to}' - ${window_days};

insert into records
select 'readmission_30d', m, municipality, hospital, clinic, health_center, sex, age_group_of(age),
  sum(num), count(*)
from readmission_base group by all;

insert into records
select 'readmission_30d_65plus', m, municipality, hospital, clinic, health_center, sex, age_group_of(age),
  sum(num), count(*)
from readmission_base where age >= 65 group by all;

-- ---------------------------------------------------------------- contacts (§6)
-- Age on the contact date; the municipality is the contact's.
create table contact_base as
select c.*, p.sex, age_group_of(age_on(p.birth, c.d)) as ag
from contacts c left join person p using (patient);

insert into rate_records
with x as (
  select month_of(d) as m, municipality, sex, ag,
    unnest([{'ind': 'specialist_visits_per_100k', 'hit': level = 'specialist' and kind in ('visit', 'home_visit', 'video')},
            {'ind': 'primary_care_visits_per_100k', 'hit': level = 'primary' and kind in ('visit', 'home_visit', 'video')},
            {'ind': 'emergency_visits_per_100k', 'hit': emergency}]) as x
  from contact_base)
select x.ind, m, municipality, sex, ag, count(*) from x where x.hit group by all;

-- Primary-care counts; the contact's unit is its health centre.
insert into records
select case when kind = 'home_visit' then 'home_visits' else 'digital_contacts' end, month_of(d),
  municipality, null, null, unit, sex, ag, count(*), count(*)
from contact_base
where level = 'primary' and kind in ('home_visit', 'video', 'chat')
group by all;

-- ---------------------------------------------------------------- waits (§7)
-- Age on the start date.
create table wait_base as
select w.*, p.sex, age_group_of(age_on(p.birth, w.start_d)) as ag
from waits w left join person p using (patient);

create table wait_steps(step varchar, ind varchar, limit_days integer, as_clinic boolean);
insert into wait_steps values
  ('contact', 'care_guarantee_contact_0d', ${limit_contact}, false),
  ('assessment', 'care_guarantee_assessment_3d', ${limit_assessment}, false),
  ('first_visit', 'care_guarantee_first_visit_90d', ${limit_first_visit}, true),
  ('treatment', 'care_guarantee_treatment_90d', ${limit_treatment}, true);

-- Completed waits, by the month of their end date.
insert into records
select t.ind, month_of(w.end_d), w.municipality,
  null, case when t.as_clinic then w.unit end, case when t.as_clinic then null else w.unit end,
  w.sex, w.ag,
  sum(case when date_diff('day', w.start_d, w.end_d) - w.chosen <= t.limit_days then 1 else 0 end), count(*)
from wait_base w join wait_steps t using (step)
where w.end_d between date '${cov_from}' and date '${cov_to}'
group by all;

-- Waits still open on the last day L of month m (start <= L < end, so m < the end month), for every
-- coverage month.
insert into records
with lim as (select min(m) as lo, max(m) as hi from period_months),
open_months as (
  select w.*, t.ind || '_waiting' as ind, t.limit_days,
    unnest(range(greatest(month_of(w.start_d), lim.lo),
                 least(coalesce(month_of(w.end_d) - 1, lim.hi), lim.hi) + 1)) as m
  from wait_base w join wait_steps t using (step), lim
  where t.as_clinic)
select ind, m, municipality, null, unit, null, sex, ag,
  sum(case when date_diff('day', start_d, month_last_day(m)) - chosen <= limit_days then 1 else 0 end), count(*)
from open_months
group by all;

-- ---------------------------------------------------------------- cells
-- Units: 0 region, 1 county, 2 area, 3 municipality, 4 hospital, 5 clinic, 6 health centre; a
-- record counts in `all` and in its own sex and age group when they are known.
create table cells_by_month as
with u as (
  select ind, m, sex, ag, num, den, u.ut as ut, u.unit as unit from (
    select r.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(r.municipality, 2)},
                        {'ut': 2, 'unit': areas.area}, {'ut': 3, 'unit': r.municipality},
                        {'ut': 4, 'unit': r.hospital}, {'ut': 5, 'unit': r.clinic},
                        {'ut': 6, 'unit': r.health_center}]) as u
    from records r left join areas on areas.code = r.municipality)
  where u.unit is not null)
select ind, m, ut, unit, case when grouping(sex) = 1 then 'all' else sex end as sx,
  case when grouping(ag) = 1 then 'all' else ag end as ag, sum(num) as num, sum(den) as den
from u
group by grouping sets ((ind, m, ut, unit), (ind, m, ut, unit, sex), (ind, m, ut, unit, ag),
                        (ind, m, ut, unit, sex, ag))
having (grouping(sex) = 1 or sex is not null) and (grouping(ag) = 1 or ag is not null);

create table cells as
select c.ind, pm.ord, c.ut, c.unit, c.sx, c.ag, sum(c.num) as num, sum(c.den) as den
from cells_by_month c join period_months pm using (m) join periods p using (ord)
where (pm.last or not ends_with(c.ind, '_waiting'))
  and (p.readmission_ok or c.ind not like 'readmission%')
group by all
having sum(c.den) > 0;

-- Population (§1, README "Rows"): per year, unit, sex and age group, the sum of the bands that
-- lie inside the group; a band that straddles a group boundary makes that group unknown.
create table population as
select cast(trim("year") as integer) as yr, left(trim(municipality), 4) as municipality,
  norm_sex(sex) as sex, cast(trim(age_from) as integer) as age_from,
  try_cast(nullif(trim(age_to), '') as integer) as age_to, cast(trim("count") as bigint) as n
from raw_population;

create table population_cells as
with groups(ag, lo, hi) as (values ('all', 0, 1000000), ('0-17', 0, 17), ('18-64', 18, 64),
                                    ('65-79', 65, 79), ('80+', 80, 1000000)),
banded as (
  select p.*, g.ag, p.age_from >= g.lo and coalesce(p.age_to, 1000000) <= g.hi as inside
  from population p, groups g
  where p.age_from <= g.hi and coalesce(p.age_to, 1000000) >= g.lo),
u as (
  select yr, sex, ag, inside, n, u.ut as ut, u.unit as unit from (
    select b.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(b.municipality, 2)},
                        {'ut': 2, 'unit': areas.area}, {'ut': 3, 'unit': b.municipality}]) as u
    from banded b left join areas on areas.code = b.municipality)
  where u.unit is not null)
select yr, ut, unit, case when grouping(sex) = 1 then 'all' else sex end as sx, ag, sum(n) as pop
from u
group by grouping sets ((yr, ut, unit, ag), (yr, ut, unit, ag, sex))
having (grouping(sex) = 1 or sex is not null) and bool_and(inside) and sum(n) > 0;

-- Rate numerators count only residents of municipalities with population rows for the year in
-- which the period ends.
create table rate_cells as
with with_population as (select distinct municipality, yr from population),
g as (
  select r.ind, p.ord, r.municipality, r.sex, r.ag, sum(r.num) as num
  from rate_records r join period_months pm using (m) join periods p using (ord)
    semi join with_population w on w.municipality = r.municipality and w.yr = p.yr
  group by all)
select ind, ord, ut, unit, case when grouping(sex) = 1 then 'all' else sex end as sx,
  case when grouping(ag) = 1 then 'all' else ag end as ag, sum(num) as num
from (
  select ind, ord, sex, ag, num, u.ut as ut, u.unit as unit from (
    select g.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(g.municipality, 2)},
                        {'ut': 2, 'unit': areas.area}, {'ut': 3, 'unit': g.municipality}]) as u
    from g left join areas on areas.code = g.municipality)
  where u.unit is not null)
group by grouping sets ((ind, ord, ut, unit), (ind, ord, ut, unit, sex), (ind, ord, ut, unit, ag),
                        (ind, ord, ut, unit, sex, ag))
having (grouping(sex) = 1 or sex is not null) and (grouping(ag) = 1 or ag is not null);

-- Every rate indicator has a row for every period and population cell, also without events.
create table rate_rows as
with rate_inds(ind) as (values ('inpatient_stays_per_100k'), ('avoidable_hospitalisation_per_100k'),
  ('specialist_visits_per_100k'), ('primary_care_visits_per_100k'), ('emergency_visits_per_100k'))
select i.ind, p.ord, c.ut, c.unit, c.sx, c.ag, coalesce(r.num, 0) as num, c.pop as den
from rate_inds i cross join periods p join population_cells c on c.yr = p.yr
  left join rate_cells r on r.ind = i.ind and r.ord = p.ord and r.ut = c.ut and r.unit = c.unit
    and r.sx = c.sx and r.ag = c.ag;

-- ---------------------------------------------------------------- the table (§4.1)
-- value: share 100 n/d, mean n/d, rate 100 000 n/d, count n; 3 decimals, half away from zero,
-- computed exactly in integers.
create view indicator_table as
with kinds(ind, scale, is_count) as (values
  ('readmission_30d', 100, false), ('readmission_30d_65plus', 100, false),
  ('ready_days_mean_somatic', 1, false), ('ready_days_mean_psychiatric', 1, false),
  ('ready_days_total', 1, true), ('discharged_day01_share', 100, false),
  ('admission_notice_24h_share', 100, false), ('fixed_care_contact_share', 100, false),
  ('discharge_plan_share', 100, false), ('sip_share', 100, false), ('sip_followup_share', 100, false),
  ('inpatient_stays_per_100k', 100000, false), ('avoidable_hospitalisation_per_100k', 100000, false),
  ('length_of_stay_mean', 1, false), ('specialist_visits_per_100k', 100000, false),
  ('primary_care_visits_per_100k', 100000, false), ('emergency_visits_per_100k', 100000, false),
  ('home_visits', 1, true), ('digital_contacts', 1, true),
  ('care_guarantee_contact_0d', 100, false), ('care_guarantee_assessment_3d', 100, false),
  ('care_guarantee_first_visit_90d', 100, false), ('care_guarantee_treatment_90d', 100, false),
  ('care_guarantee_first_visit_90d_waiting', 100, false), ('care_guarantee_treatment_90d_waiting', 100, false)),
all_rows as (select * from cells union all select * from rate_rows),
v as (
  select r.*, k.is_count,
    cast(r.num as bigint) * k.scale * 1000 as a, case when k.is_count then 1 else r.den end as d
  from all_rows r join kinds k using (ind)),
q as (select *, sign(a) * ((abs(a) * 2 + d) // (2 * d)) as milli from v)
select q.ind as indicator, p.label as period,
  ['region', 'county', 'area', 'municipality', 'hospital', 'clinic', 'health_center'][q.ut + 1] as unit_type,
  q.unit, q.sx as sex, q.ag as age_group, q.num as numerator,
  case when q.is_count then null else q.den end as denominator,
  case when q.milli < 0 then '-' else '' end || cast(abs(q.milli) // 1000 as varchar) || '.' ||
    lpad(cast(abs(q.milli) % 1000 as varchar), 3, '0') as value,
  p.ord, q.ut,
  case q.sx when 'all' then 0 when 'M' then 1 else 2 end as sx_ord,
  case q.ag when 'all' then 0 when '0-17' then 1 when '18-64' then 2 when '65-79' then 3 else 4 end as ag_ord
from q join periods p using (ord);
