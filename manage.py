#!/usr/bin/env python
import sys

from cloudpark.__main__ import main

if __name__ == "__main__":
    main(sys.argv)
