"""The reasoning tier: turns instructions the on-board router cannot ground into validated plans.

It runs as a separate process (:mod:`.service`) that the control loop reaches through a
non-blocking client (:mod:`.client`), so a slow or absent reasoner never delays a control tick.
"""
