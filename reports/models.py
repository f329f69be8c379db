"""HR reports: scoped selectors, filtersets, report views and exports."""
