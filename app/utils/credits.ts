/** Issue #17: credit amounts are integer hundredths (150 = 1.5); shown with one or two decimals. */
export const formatCredits = (hundredths: number) => (hundredths / 100).toFixed(2).replace(/0$/, "");
