-- wrk script for bench/load/run.sh: rotates through dashboard-like API requests as the public
-- (no session). Of every 10 requests: 6 are a chart (one indicator, one municipality or the
-- region, by month or quarter, sex=all and age_group=all: 12-36 rows), 3 are the breakdown of
-- such a chart by sex and age group (all groups: up to 540 rows), 1 is the catalogue.
local indicators = {"readmission_30d", "readmission_30d_65plus", "ready_days_mean_somatic",
                    "length_of_stay_mean", "sip_share", "discharge_plan_share",
                    "inpatient_stays_per_100k", "home_visits", "care_guarantee_first_visit_90d"}
local units = {"municipality&unit=0880", "municipality&unit=0881", "municipality&unit=0882",
               "municipality&unit=0883", "municipality&unit=0860", "municipality&unit=0840",
               "municipality&unit=0821", "region&unit=08"}
local period_types = {"month", "quarter"}
local paths = {}
for i, indicator in ipairs(indicators) do
  for j, unit in ipairs(units) do
    for k, period_type in ipairs(period_types) do
      paths[#paths + 1] = "/api/indicators?indicator=" .. indicator .. "&unit_type=" .. unit ..
                          "&period_type=" .. period_type
    end
  end
end
local counter = 0
request = function()
  counter = counter + 1
  local slot = counter % 10
  if slot == 0 then
    return wrk.format("GET", "/api/catalog")
  end
  local path = paths[(counter % #paths) + 1]
  if slot <= 6 then
    path = path .. "&sex=all&age_group=all"
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("requests: %d, non-2xx: %d, socket errors: %d/%d/%d/%d\n",
                         summary.requests, non2xx, summary.errors.connect, summary.errors.read,
                         summary.errors.write, summary.errors.timeout))
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000))
end
