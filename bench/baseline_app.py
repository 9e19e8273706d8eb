"""The overview the way a typical Streamlit app is written: read the long file with pandas, filter and group on
every rerun. The benchmark's yardstick (BENCH_LONG_FILE, BENCH_UNITS_FILE)."""

import os

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

KPI = ["clubs_sustainable_family", "clubs_dv_prevention", "trusted_addresses", "hotlines", "dv_cases"]

values = pd.read_parquet(os.environ["BENCH_LONG_FILE"])
units = pd.read_csv(os.environ["BENCH_UNITS_FILE"], dtype=str)
values["system"] = np.where(values["year"] < 2025, "pre2025", "y2025")
frame = values.merge(units, on=["system", "unit_code"])
province = st.selectbox("Tỉnh/thành phố", sorted(frame["province"].unique()), key="province")
mine = frame[frame["province"] == province]
yearly = mine[mine["indicator"].isin(KPI)].groupby(["year", "indicator"], as_index=False)["value"].sum()
last = yearly[yearly["year"] == yearly["year"].max()].set_index("indicator")["value"]
for column, code in zip(st.columns(len(KPI)), KPI, strict=True):
    column.metric(code, f"{last.get(code, 0):,.0f}")
st.plotly_chart(px.line(yearly, x="year", y="value", color="indicator", title=province))
by_district = mine[mine["indicator"] == "dv_cases"].groupby("district", as_index=False)["value"].sum()
st.plotly_chart(px.bar(by_district, x="district", y="value"))
st.dataframe(yearly.pivot(index="indicator", columns="year", values="value"))
