import CTrafficIO
