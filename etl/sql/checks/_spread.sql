/* The spread of the modified z-score of Iglewicz and Hoaglin, (x − median) / (MAD / 0.6745), over columns
   mad and mean_ad: when more than half the values are equal the MAD is 0, and the mean absolute deviation
   × 1.253314 stands in for it then. A piece of outlier_series and outlier_units, written where they name it. */
CASE WHEN mad > 0 THEN mad / 0.6745 WHEN mean_ad > 0 THEN mean_ad * 1.253314 END
