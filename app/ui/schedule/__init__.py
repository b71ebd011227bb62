"""The live schedule: range maths, status styles, layout, the painted view and its panels."""
