import ArgumentParser
import Simulation

extension Scenario: ExpressibleByArgument {}
