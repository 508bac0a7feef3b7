"""Server operations shared by the API, the channels, the seeder and the simulator."""
